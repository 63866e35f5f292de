package dev.cccf.docker.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One connection to an engine over ssh, as the docker CLI makes it: a process
 * {@code ssh [-l USER] [-p PORT] -o ConnectTimeout=N -T -- HOST docker system dial-stdio} whose
 * stdin and stdout carry HTTP to the engine that the remote docker CLI reaches. ssh's own
 * configuration (keys, known hosts, {@code ~/.ssh/config}) applies; it never asks for a password
 * ({@code BatchMode}). What ssh or the remote command say on stderr becomes the message when the
 * connection ends without an answer.
 */
final class SshWire implements Wire {
    /** Most of ssh's stderr kept for a message. */
    private static final int MAX_STDERR = 4000;

    private final Process process;
    private final InputStream in;
    private final OutputStream out;
    private final long timeoutMillis;
    private final String what;
    private boolean answered;

    private SshWire(Process process, long timeoutMillis, String what) {
        this.process = process;
        this.in = process.getInputStream();
        this.out = process.getOutputStream();
        this.timeoutMillis = timeoutMillis;
        this.what = what;
    }

    /** The command that makes each connection to one engine. */
    static final class Command {
        private final List<String> argv;
        private final long timeoutMillis;

        Command(List<String> ssh, URI engine, Duration connectTimeout, Duration responseTimeout) {
            List<String> a = new ArrayList<>(ssh);
            String user = engine.getUserInfo();
            if (user != null && !user.isEmpty()) {
                a.add("-l");
                a.add(user);
            }
            if (engine.getPort() >= 0) {
                a.add("-p");
                a.add(Integer.toString(engine.getPort()));
            }
            a.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()), "-o", "BatchMode=yes", "-T",
                    "--", engine.getHost(), "docker", "system", "dial-stdio"));
            this.argv = List.copyOf(a);
            this.timeoutMillis = Math.max(1, responseTimeout.toMillis());
        }

        List<String> argv() {
            return argv;
        }

        SshWire open() throws IOException {
            Process p;
            try {
                p = new ProcessBuilder(argv).start();
            } catch (IOException e) {
                throw new IOException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
            }
            return new SshWire(p, timeoutMillis, String.join(" ", argv));
        }
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (in.available() == 0 && process.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("the engine did not answer within " + timeoutMillis + " ms (over ssh)");
                }
                process.waitFor(2, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the engine", e);
        }
        int n = in.read(into.array(), into.arrayOffset() + into.position(), Math.max(1, Math.min(into.remaining(),
                Math.max(1, in.available()))));
        if (n > 0) {
            answered = true;
            into.position(into.position() + n);
        } else if (!answered) {
            throw failure();
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // a closed stdin: ssh has ended (or is ending), and its stderr says why
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw process.isAlive() ? e : failure();
        }
    }

    /** ssh ended before the engine answered: what it said on stderr, and its exit code. */
    private IOException failure() {
        String said;
        try {
            process.waitFor(2, TimeUnit.SECONDS);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (InputStream e = process.getErrorStream()) {
                err.write(e.readNBytes(MAX_STDERR));
            }
            said = err.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", "; ");
        } catch (IOException e) {
            said = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            said = "";
        }
        String exit = process.isAlive() ? "" : " (exit " + process.exitValue() + ")";
        return new IOException(what + " ended without an answer" + exit + (said.isEmpty() ? "" : ": " + said));
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the process goes either way
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
