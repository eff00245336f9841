package io.github.nifiintegration.mapping.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A phone number in E.164 form ({@code +61412345678}), parsed by Google's libphonenumber. Numbers
 * written without a country code are read in the configured region. By default a number must be
 * valid for its region (a known number range); {@code possible} accepts any number of a possible
 * length, for data whose numbers are fictitious or newer than the library's metadata.
 */
final class PhoneNormalizer implements Normalizer {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private final String region;
    private final boolean requireValid;

    PhoneNormalizer(final String region, final boolean requireValid) {
        this.region = region;
        this.requireValid = requireValid;
    }

    static boolean isSupportedRegion(final String region) {
        return PHONE_NUMBERS.getSupportedRegions().contains(region);
    }

    @Override
    public Object normalize(final Object value) throws NormalizationException {
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        final PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(text, region);
        } catch (final NumberParseException e) {
            throw new NormalizationException("'" + text + "' is not a phone number (" + e.getErrorType().name().toLowerCase().replace('_', ' ') + ")");
        }
        final boolean accepted = requireValid ? PHONE_NUMBERS.isValidNumber(number) : PHONE_NUMBERS.isPossibleNumber(number);
        if (!accepted) {
            throw new NormalizationException("'" + text + "' is not a " + (requireValid ? "valid" : "possible") + " phone number for region " + region);
        }
        return PHONE_NUMBERS.format(number, PhoneNumberFormat.E164);
    }
}
