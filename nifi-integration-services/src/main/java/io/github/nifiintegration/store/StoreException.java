package io.github.nifiintegration.store;

/** The store could not do what was asked (I/O, a lost connection, a timeout waiting for a writer). */
public class StoreException extends RuntimeException {

    public StoreException(final String message) {
        super(message);
    }

    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
