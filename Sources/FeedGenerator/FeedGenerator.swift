/// Placeholder namespace; the generator lands with the samples work.
public enum FeedGenerator {}
