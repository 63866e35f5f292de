package dev.cccf.benchmarks;

import java.io.OutputStream;

/** Where benchmarks write: counts bytes so that nothing written can be optimised away. */
final class Sink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes += len;
    }
}
