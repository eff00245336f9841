package io.github.nifiintegration.tooling.generate;

import java.util.SplittableRandom;

/**
 * The damage real source systems do to values: typing errors (substitute, insert, delete or swap
 * neighbouring characters), and values left empty. Seeded, so damaged data is reproducible.
 */
public final class Corruptor {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final SplittableRandom random;

    public Corruptor(final SplittableRandom random) {
        this.random = random;
    }

    /** One typing error in the text (texts shorter than two characters are left alone). */
    public String typo(final String text) {
        if (text == null || text.length() < 2) {
            return text;
        }
        final int at = random.nextInt(text.length() - 1);
        final StringBuilder damaged = new StringBuilder(text);
        switch (random.nextInt(4)) {
            case 0 -> damaged.setCharAt(at, LETTERS.charAt(random.nextInt(LETTERS.length())));
            case 1 -> damaged.insert(at, LETTERS.charAt(random.nextInt(LETTERS.length())));
            case 2 -> damaged.deleteCharAt(at);
            default -> {
                final char c = damaged.charAt(at);
                damaged.setCharAt(at, damaged.charAt(at + 1));
                damaged.setCharAt(at + 1, c);
            }
        }
        return damaged.toString();
    }

    /** The text with a typing error with the given probability. */
    public String maybeTypo(final String text, final double probability) {
        return random.nextDouble() < probability ? typo(text) : text;
    }

    /** {@code null} with the given probability, else the value. */
    public <T> T maybeMissing(final T value, final double probability) {
        return random.nextDouble() < probability ? null : value;
    }

    public boolean chance(final double probability) {
        return random.nextDouble() < probability;
    }

    public int nextInt(final int bound) {
        return random.nextInt(bound);
    }
}
