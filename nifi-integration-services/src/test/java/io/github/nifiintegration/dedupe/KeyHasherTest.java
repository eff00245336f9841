package io.github.nifiintegration.dedupe;

import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KeyHasherTest {

    /** The definition persisted keys were written with: commons-codec's MurmurHash3 x64 128 of the UTF-8 text. */
    private static KeyHash reference(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final long[] hash = MurmurHash3.hash128x64(bytes, 0, bytes.length, KeyHash.SEED);
        return new KeyHash(hash[0], hash[1]);
    }

    @Test
    void everyLengthAndAlphabetHashesAsCommonsCodecDoesOnTheUtf8Text() {
        final SplittableRandom random = new SplittableRandom(5);
        final KeyHasher hasher = new KeyHasher();
        // ASCII, Latin-1, other BMP letters, emoji (surrogate pairs) and lone surrogates, which UTF-8 writes as '?'
        final String[] alphabets = {"abcXYZ019@.\u001F\u001E", "éüßñÅ", "Ωжअ中文", "\uD83D\uDE00\uD83C\uDF89", "\uD800\uDC00\uDBFF"};
        for (int length = 0; length <= 300; length++) {
            for (int trial = 0; trial < 4; trial++) {
                final StringBuilder text = new StringBuilder();
                while (text.length() < length) {
                    final String alphabet = alphabets[random.nextInt(trial == 0 ? 1 : alphabets.length)];
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                final KeyHash expected = reference(text.toString());
                assertEquals(expected, hasher.reset().append(text.toString()).hash(), () -> "key text of " + text.length() + " chars: " + text);
                assertEquals(expected, hasher.reset().append(text).hash(), () -> "key text (not a String) of " + text.length() + " chars: " + text);
            }
        }
    }

    @Test
    void pieceByPieceEqualsTheWholeText() {
        final KeyHasher hasher = new KeyHasher().reset()
                .appendUtf8("name\u001F".getBytes(StandardCharsets.UTF_8)).append("José").appendAscii('\u001E')
                .appendUtf8("age\u001F".getBytes(StandardCharsets.UTF_8)).append(42).appendAscii('\u001E');
        assertEquals("name\u001FJosé\u001Eage\u001F42\u001E", hasher.text());
        assertEquals(reference("name\u001FJosé\u001Eage\u001F42\u001E"), hasher.hash());
        assertEquals(KeyHash.of("name\u001FJosé\u001Eage\u001F42\u001E"), hasher.hash());
    }

    @Test
    void numbersAreSpelledAsLongToStringSpellsThem() {
        final KeyHasher hasher = new KeyHasher();
        for (final long value : new long[]{0, 7, -7, 9, 10, 99, 100, 123_456_789, -1_000_000_000_000L, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            assertEquals(Long.toString(value), hasher.reset().append(value).text());
            assertEquals(reference(Long.toString(value)), hasher.hash());
        }
    }

    @Test
    void resetStartsANewKeyAndLongKeysGrowTheBuffer() {
        final KeyHasher hasher = new KeyHasher();
        final String longKey = "x".repeat(10_000);
        assertEquals(reference(longKey), hasher.reset().append(longKey).hash());
        assertEquals(reference("short"), hasher.reset().append("short").hash());
        assertNotEquals(hasher.reset().append("a").hash(), hasher.reset().append("b").hash());
    }
}
