using System.Net;
using System.Text.RegularExpressions;

namespace BrpBlazor.Tests.TestSupport;

/// <summary>A cookie-keeping HTTP client against the running app, that can sign in through the real form.</summary>
public sealed partial class HttpSession : IDisposable
{
    private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };

    public HttpSession(string baseAddress) => Client = new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };

    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password = AppFactory.Password)
    {
        var form = await Client.GetStringAsync("/logga-in");
        var token = TokenPattern().Match(form).Groups[1].Value;
        return await Client.PostAsync("/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Model.UserName"] = userName,
            ["Model.Password"] = password,
        }));
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
