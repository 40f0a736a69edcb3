// Starts Blazor with a patient reconnection: during a restart or an upgrade the tablet keeps trying for about ten
// minutes (quickly at first), then reloads the same page once the server answers (decision 093).
const started = Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 200,
            retryIntervalMilliseconds: attempt => (attempt < 10 ? 1000 : 3000),
        },
    },
});

// An idle tablet costs the server nothing (decision 135): after Brp:IdleCircuitMinutes without a touch or a key the
// circuit is paused. The server persists what is open (the page, a dialog's inputs) into the browser, sealed, and frees
// the circuit; the screen stays as it was, dimmed. The next touch or key resumes it where it was.
const idleMinutes = Number(document.querySelector('meta[name="brp-idle-circuit-minutes"]')?.content ?? "0");
let idleTimer = 0;
let paused = false;
let resuming = null;

function restartIdleTimer() {
    clearTimeout(idleTimer);
    if (idleMinutes > 0) {
        idleTimer = setTimeout(pauseWhenIdle, idleMinutes * 60_000);
    }
}

async function pauseWhenIdle() {
    // Not while the connection is already down: the reconnect dialog is handling it.
    if (document.getElementById("components-reconnect-modal")?.open) {
        restartIdleTimer();
        return;
    }

    try {
        paused = await Blazor.pauseCircuit();
    } catch {
        paused = false;
    }

    if (!paused) {
        restartIdleTimer();
    }
}

function resumeOnTouch() {
    resuming ??= (async () => {
        try {
            if (!await Blazor.resumeCircuit()) {
                // The server no longer has the circuit's state and the browser's was refused: start the page afresh.
                location.reload();
                return;
            }
            paused = false;
            restartIdleTimer();
        } catch {
            // Refused by a server that answers (signed out meanwhile: the connection's antiforgery token no longer fits):
            // load the page afresh, which asks for a sign-in and shows nobody's data. Unreachable: say so, with a button.
            if (await serverAnswers()) {
                location.reload();
                return;
            }
            document.getElementById("components-reconnect-modal")?.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
        } finally {
            resuming = null;
        }
    })();
}

async function serverAnswers() {
    try {
        return (await fetch("/healthz/live", { cache: "no-store" })).ok;
    } catch {
        return false;
    }
}

function onInput() {
    if (paused) {
        resumeOnTouch();
    } else {
        restartIdleTimer();
    }
}

started.then(() => {
    for (const type of ["pointerdown", "keydown", "wheel", "touchstart"]) {
        document.addEventListener(type, onInput, { capture: true, passive: true });
    }
    restartIdleTimer();
});
