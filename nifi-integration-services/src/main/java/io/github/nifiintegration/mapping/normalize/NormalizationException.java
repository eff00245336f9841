package io.github.nifiintegration.mapping.normalize;

/**
 * A value that a normalizer cannot turn into its canonical form. The message is written for a
 * person fixing the source data, for example {@code 'bob@' is not a valid e-mail address}.
 */
public class NormalizationException extends Exception {
    public NormalizationException(final String message) {
        super(message);
    }
}
