namespace CallCenter.ApiService.Transcripts;

public sealed record MessageAdded(bool Success, TranscriptMessage Message);
