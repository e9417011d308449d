namespace Engram.Files;

/// duohub's file types, the category each belongs to, and the type an uploaded file's extension implies.
public static class FileTypes
{
    public static readonly string[] All = ["website", "sitemap", "website_bulk", "document", "text", "image", "audio", "video", "other", "youtube"];

    /// What `fileType must be one of: …` lists: duohub-py also sends `youtube`, accepted and refused at ingestion.
    public static readonly string Message = $"fileType must be one of: {string.Join(", ", All)}";

    public static readonly string[] Categories = ["audio", "video", "web", "document", "other", "all"];

    public static readonly string CategoryMessage = $"category must be one of: {string.Join(", ", Categories)}";

    public static bool IsWeb(string fileType) => fileType is "website" or "sitemap" or "website_bulk" or "youtube";

    public static string CategoryOf(string fileType) => fileType switch
    {
        "website" or "sitemap" or "website_bulk" or "youtube" => "web",
        "audio" => "audio",
        "video" => "video",
        "document" or "text" => "document",
        _ => "other",
    };

    public static string OfExtension(string extension) => extension switch
    {
        "txt" or "md" or "markdown" or "csv" or "json" or "html" or "htm" => "text",
        "pdf" or "docx" or "doc" or "rtf" or "odt" or "pptx" or "xlsx" => "document",
        "jpg" or "jpeg" or "png" or "gif" or "webp" or "svg" => "image",
        "mp3" or "wav" or "ogg" or "m4a" or "aac" or "flac" or "wma" => "audio",
        "mp4" or "mov" or "avi" or "wmv" or "flv" or "webm" or "mkv" => "video",
        _ => "other",
    };

    /// The extension of a file name, lower case, without its dot; "" when it has none we can keep
    /// (1-16 letters or digits).
    public static string ExtensionOf(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        if (dot < 0 || dot == fileName.Length - 1 || fileName.Length - dot - 1 > 16)
        {
            return "";
        }
        var extension = fileName[(dot + 1)..].ToLowerInvariant();
        foreach (var c in extension)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return "";
            }
        }
        return extension;
    }
}
