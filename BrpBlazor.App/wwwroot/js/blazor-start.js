// Starts Blazor with a patient reconnection: during a restart or an upgrade the tablet keeps trying for about ten
// minutes (quickly at first), then reloads the same page once the server answers (decision 093).
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 200,
            retryIntervalMilliseconds: attempt => (attempt < 10 ? 1000 : 3000),
        },
    },
});
