package io.github.nifiintegration.tooling.benchmark;

import io.github.nifiintegration.tooling.RecordServiceSetup;
import org.apache.nifi.util.TestRunner;

/** The master data store a resolution benchmark runs on: a fresh, empty one for every run. */
public interface BenchmarkStore extends AutoCloseable {

    /** What the figures are for, for the report's header. */
    String description();

    /** The records/s the store is meant to reach at the largest size. */
    int goalRecordsPerSecond();

    /** The goal for time(largest) / time(previous size), as text for the report, or "" when there is none. */
    default String growthGoal() {
        return "";
    }

    /** Installs a fresh, empty store on a runner (under {@link RecordServiceSetup#STORE}). */
    RecordServiceSetup.StoreInstaller freshStore() throws Exception;

    /** After a run: disables the runner's store and throws its data away. */
    void discard(TestRunner runner) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
