namespace Engram.Ingestion;

/// Why a sample could not be read, as a sentence for the sample's `error`
/// (e.g. "the PDF has no text layer"). The worker records it and goes on with the next sample.
public sealed class ExtractionException(string reason) : Exception(reason);
