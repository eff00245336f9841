package io.github.nifiintegration.tooling.benchmark;

import io.github.nifiintegration.services.EmbeddedMasterDataStoreService;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded store in a new temporary directory per run (page cache and record cache from -Dbenchmark.pageCache / -Dbenchmark.cachedRecords). */
final class EmbeddedBenchmarkStore implements BenchmarkStore {

    private Path directory;

    @Override
    public String description() {
        return "embedded store";
    }

    @Override
    public int goalRecordsPerSecond() {
        return 20_000;
    }

    @Override
    public String growthGoal() {
        return " (goal at 1M vs 100k: <= 12)";
    }

    @Override
    public RecordServiceSetup.StoreInstaller freshStore() throws IOException {
        directory = Files.createTempDirectory("resolution-benchmark-");
        return runner -> {
            final EmbeddedMasterDataStoreService store = new EmbeddedMasterDataStoreService();
            runner.addControllerService(RecordServiceSetup.STORE, store);
            runner.setProperty(store, EmbeddedMasterDataStoreService.DIRECTORY, directory.toString());
            runner.setProperty(store, EmbeddedMasterDataStoreService.PAGE_CACHE, System.getProperty("benchmark.pageCache", "256 MB"));
            if (System.getProperty("benchmark.cachedRecords") != null) {
                runner.setProperty(store, EmbeddedMasterDataStoreService.CACHED_RECORDS, System.getProperty("benchmark.cachedRecords"));
            }
            runner.enableControllerService(store);
        };
    }

    @Override
    public void discard(final TestRunner runner) throws IOException {
        runner.disableControllerService(runner.getControllerService(RecordServiceSetup.STORE));
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
