package io.github.nifiintegration.resolution;

/** What one batch of resolution cost and met, for counters an operator reads. */
public final class ResolutionStats {
    long pairsCompared;
    long oversizedBlocks;
    long merges;

    public long pairsCompared() {
        return pairsCompared;
    }

    /** Blocking keys whose block had more records than the model's maxBlockSize (only the oldest were compared). */
    public long oversizedBlocks() {
        return oversizedBlocks;
    }

    public long merges() {
        return merges;
    }
}
