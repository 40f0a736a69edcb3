// Saves a file that the server streams to the browser (Blazor's DotNetStreamReference), without a round trip
// through a URL: the rights are checked by the Core call that produced the stream (docs/decisions/035).
window.brpDownload = async function (fileName, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    const blob = new Blob([buffer], { type: contentType });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    anchor.style.display = "none";
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
};
