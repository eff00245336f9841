package io.github.nifiintegration.matching.comparators;

/** The values sound alike: their phonetic codes (commons-codec) are equal. */
public final class PhoneticTest implements LevelTest {

    private final Phonetics.Algorithm algorithm;

    public PhoneticTest(final Phonetics.Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        final String a = Phonetics.encode(algorithm, left);
        return !a.isEmpty() && a.equals(Phonetics.encode(algorithm, right));
    }
}
