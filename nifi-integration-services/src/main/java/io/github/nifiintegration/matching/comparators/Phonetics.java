package io.github.nifiintegration.matching.comparators;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Nysiis;
import org.apache.commons.codec.language.Soundex;

import java.util.Locale;

/** Phonetic codes from commons-codec, for comparison levels and blocking keys. */
public final class Phonetics {

    public enum Algorithm { SOUNDEX, DOUBLE_METAPHONE, NYSIIS }

    private static final DoubleMetaphone DOUBLE_METAPHONE = new DoubleMetaphone();
    private static final Nysiis NYSIIS = new Nysiis();

    private Phonetics() {
    }

    /** The code of the text, or "" when the algorithm gives none (no Latin letters, say). */
    public static String encode(final Algorithm algorithm, final String text) {
        try {
            final String code = switch (algorithm) {
                case SOUNDEX -> Soundex.US_ENGLISH.soundex(text);
                case DOUBLE_METAPHONE -> DOUBLE_METAPHONE.doubleMetaphone(text);
                case NYSIIS -> NYSIIS.nysiis(text);
            };
            return code == null ? "" : code;
        } catch (final IllegalArgumentException unmappedCharacter) {
            // Soundex refuses characters it cannot map; such a value has no code to share
            return "";
        }
    }

    public static Algorithm algorithm(final String name) {
        return Algorithm.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
