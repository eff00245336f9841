package io.github.nifiintegration.matching.comparators;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.util.Locale;
import java.util.Map;

/**
 * The two records hold the same values in two fields, but the other way round: given name and family
 * name keyed into each other's field, a common error of forms and exports. Similar means Jaro-Winkler
 * at or above the threshold for both cross pairs.
 */
public final class SwappedFieldsTest implements RecordLevelTest {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final String field;
    private final String otherField;
    private final double threshold;

    public SwappedFieldsTest(final String field, final String otherField, final double threshold) {
        this.field = field;
        this.otherField = otherField;
        this.threshold = threshold;
    }

    @Override
    public boolean test(final Map<String, Object> left, final Map<String, Object> right, final ComparisonContext context) {
        return similar(left.get(field), right.get(otherField)) && similar(left.get(otherField), right.get(field));
    }

    private boolean similar(final Object a, final Object b) {
        if (a == null || b == null) {
            return false;
        }
        return JARO_WINKLER.apply(a.toString().toLowerCase(Locale.ROOT), b.toString().toLowerCase(Locale.ROOT)) >= threshold;
    }
}
