package dev.cccf.core.cli;

/** A wrong command line: the tool prints the message and a hint, and exits 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
