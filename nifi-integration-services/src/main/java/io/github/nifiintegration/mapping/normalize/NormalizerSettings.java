package io.github.nifiintegration.mapping.normalize;

import java.util.List;

/**
 * Defaults that normalizers take when their call gives no argument: the region (ISO 3166 alpha-2)
 * for phone numbers and postal codes, and the date patterns tried after the ISO forms.
 */
public record NormalizerSettings(String defaultRegion, List<String> datePatterns) {

    public NormalizerSettings {
        datePatterns = List.copyOf(datePatterns);
    }
}
