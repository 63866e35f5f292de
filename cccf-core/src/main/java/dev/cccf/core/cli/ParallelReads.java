package dev.cccf.core.cli;

import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Reads several inputs of one command line at the same time ({@link Tool#readDocuments}). */
final class ParallelReads {
    private ParallelReads() {
    }

    /**
     * The documents of {@code reads}, in their order; every problem of every read is thrown
     * together. With several reads and more than one CPU, they run at the same time.
     */
    static List<Document> readAll(List<Callable<Document>> reads) throws IOException {
        int threads = Math.min(reads.size(), Runtime.getRuntime().availableProcessors());
        List<Document> docs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (threads <= 1) {
            for (var read : reads) {
                try {
                    docs.add(read.call());
                } catch (InvalidDocumentException e) {
                    problems.addAll(e.problems());
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "cccf-read");
                t.setDaemon(true);
                return t;
            });
            try {
                for (var future : pool.invokeAll(reads)) {
                    try {
                        docs.add(future.get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof InvalidDocumentException invalid) {
                            problems.addAll(invalid.problems());
                        } else if (e.getCause() instanceof IOException io) {
                            throw io;
                        } else if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        } else {
                            throw new IllegalStateException(e.getCause());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FailureException("interrupted while reading the inputs");
            } finally {
                pool.shutdownNow();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return docs;
    }
}
