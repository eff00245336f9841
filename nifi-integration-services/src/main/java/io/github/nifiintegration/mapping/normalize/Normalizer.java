package io.github.nifiintegration.mapping.normalize;

/**
 * One step of a canonical field's normalizer chain. A normalizer receives whatever the previous step
 * (or the source record) produced and returns the normalized value, or {@code null} when the input
 * carries no value. A value that cannot be normalized is reported with a {@link NormalizationException}
 * so that the record can be routed as invalid with the reason.
 */
public interface Normalizer {

    Object normalize(Object value) throws NormalizationException;

    /** The type of the values this normalizer produces, or {@code null} when it keeps text as text. */
    default CanonicalType outputType() {
        return null;
    }
}
