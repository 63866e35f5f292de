package dev.cccf.core.cli;

/** A runtime failure that has been explained to the user: the tool prints the message and exits 3. */
public class FailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FailureException(String message) {
        super(message);
    }

    public FailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
