package io.github.nifiintegration.tooling.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The generator's own name and address tables, written for this project. Common given names and
 * surnames come first; a long tail of further surnames, streets and suburbs is composed from word
 * parts, so that a million people have thousands of surnames and suburbs. Frequencies follow a Zipf
 * law, as real names do: a few are very common and most are rare, which is what term-frequency
 * adjustment and blocking have to cope with.
 */
final class BuiltInTables {

    private static final String[] GIVEN_NAMES = {
            "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth", "david", "barbara",
            "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "christopher", "nancy", "daniel", "lisa",
            "matthew", "betty", "anthony", "margaret", "mark", "sandra", "donald", "ashley", "steven", "kimberly", "paul", "emily",
            "andrew", "donna", "joshua", "michelle", "kenneth", "dorothy", "kevin", "carol", "brian", "amanda", "george", "melissa",
            "timothy", "deborah", "ronald", "stephanie", "edward", "rebecca", "jason", "sharon", "jeffrey", "laura", "ryan", "cynthia",
            "jacob", "kathleen", "gary", "amy", "nicholas", "angela", "eric", "shirley", "jonathan", "anna", "stephen", "brenda",
            "larry", "pamela", "justin", "emma", "scott", "nicole", "brandon", "helen", "benjamin", "samantha", "samuel", "katherine",
            "gregory", "christine", "alexander", "debra", "frank", "rachel", "patrick", "carolyn", "raymond", "janet", "jack", "catherine",
            "dennis", "maria", "jerry", "heather", "tyler", "diane", "aaron", "ruth", "jose", "julie", "adam", "olivia", "nathan", "joyce",
            "henry", "virginia", "douglas", "victoria", "zachary", "kelly", "peter", "lauren", "kyle", "christina", "ethan", "joan",
            "walter", "evelyn", "noah", "judith", "jeremy", "megan", "christian", "andrea", "keith", "cheryl", "roger", "hannah",
            "terry", "jacqueline", "gerald", "martha", "harold", "gloria", "sean", "teresa", "austin", "ann", "carl", "sara", "arthur",
            "madison", "lawrence", "frances", "dylan", "kathryn", "jesse", "janice", "jordan", "jean", "bryan", "abigail", "billy",
            "alice", "joe", "judy", "bruce", "sophia", "gabriel", "grace", "logan", "denise", "albert", "amber", "willie", "doris",
            "alan", "marilyn", "juan", "danielle", "wayne", "beverly", "elijah", "isabella", "randy", "theresa", "roy", "diana",
            "vincent", "natalie", "ralph", "brittany", "eugene", "charlotte", "russell", "marie", "bobby", "kayla", "mason", "alexis",
            "philip", "lori", "liam", "chloe", "mia", "zoe", "lachlan", "harrison", "isla", "ruby", "archie", "harper", "jasmine"};

    private static final String[] COMMON_SURNAMES = {
            "smith", "jones", "williams", "brown", "wilson", "taylor", "johnson", "white", "martin", "anderson", "thompson", "nguyen",
            "thomas", "walker", "harris", "lee", "ryan", "robinson", "kelly", "king", "davis", "wright", "evans", "roberts", "green",
            "hall", "wood", "jackson", "clarke", "patel", "khan", "lewis", "james", "phillips", "mitchell", "turner", "morris", "moore",
            "campbell", "young", "clark", "baker", "cooper", "edwards", "scott", "hill", "allen", "ward", "murphy", "watson", "bennett",
            "gray", "hughes", "stewart", "collins", "morgan", "bell", "murray", "price", "kennedy", "cook", "parker", "russell", "ross",
            "bailey", "reid", "graham", "harrison", "carter", "marshall", "simpson", "ellis", "fraser", "mcdonald", "o'brien", "hunt",
            "tran", "le", "pham", "chen", "wang", "li", "zhang", "liu", "singh", "kaur", "rossi", "russo", "papadopoulos", "muller",
            "schmidt", "novak", "kowalski", "silva", "santos", "garcia", "martinez", "lopez", "gonzalez", "rodriguez", "hernandez",
            "van der berg", "de jong", "o'connor", "mackenzie", "macleod", "fitzgerald", "gallagher", "doyle", "byrne", "walsh"};

    private static final String[] SURNAME_STARTS = {
            "ash", "black", "brad", "brook", "cal", "car", "chad", "cran", "dal", "dun", "ed", "el", "fair", "far", "fern", "gar",
            "glad", "gold", "hal", "har", "hart", "haw", "hol", "hum", "kend", "kings", "lang", "lind", "lock", "long", "mar", "mel",
            "mid", "mill", "nor", "oak", "pem", "pres", "rad", "red", "ridg", "row", "rut", "sal", "shel", "stan", "stock", "sut",
            "thorn", "tre", "wal", "war", "west", "whit", "wil", "win", "wood", "yar", "bram", "crom", "dray", "hen", "mor", "pen"};

    private static final String[] SURNAME_ENDS = {
            "ley", "ton", "well", "wood", "ford", "field", "by", "ham", "worth", "son", "more", "ridge", "stone", "brook", "dale",
            "wick", "shaw", "croft", "burn", "hurst", "land", "man", "er", "en", "ing", "cott", "combe", "low", "thwaite", "mont",
            "gate", "sell", "berg", "stein", "ski", "ova", "ini", "etti", "ez", "ard"};

    private static final String[] STREET_NAMES = {
            "high", "church", "station", "victoria", "george", "king", "queen", "park", "mill", "school", "bridge", "river", "hill",
            "forest", "lake", "ocean", "beach", "wattle", "banksia", "acacia", "eucalyptus", "jacaranda", "waratah", "grevillea",
            "boronia", "kurrajong", "bottlebrush", "paperbark", "ironbark", "stringybark", "albert", "elizabeth", "william", "charles",
            "edward", "alexandra", "margaret", "wellington", "nelson", "cook", "flinders", "bass", "hume", "sturt", "mitchell",
            "macquarie", "phillip", "hunter", "bligh", "lachlan", "murray", "darling", "torrens", "swan", "derwent", "yarra"};

    private static final String[] STREET_TYPES = {
            "street", "road", "avenue", "place", "crescent", "close", "drive", "lane", "court", "parade", "way", "circuit", "terrace"};

    private static final String[] SUBURB_STARTS = {
            "glen", "mount", "north", "south", "east", "west", "port", "lake", "bay", "point", "spring", "rose", "ash", "oak", "elm",
            "fern", "wattle", "green", "red", "golden", "silver", "clear", "deep", "high", "long", "broad", "kings", "queens", "st",
            "new", "old", "upper", "lower", "little", "grand", "cedar", "pine", "willow", "maple", "river"};

    private static final String[] SUBURB_ENDS = {
            "field", "vale", "wood", "ton", "bury", "hill", "dale", "brook", "haven", "view", "park", "side", "ridge", "grove",
            "mead", "leigh", "worth", "ville", "ford", "bank", "wood heights", "creek", "downs", "gardens", "heights", "beach"};

    /** State, share of people (percent), and the postcode range its suburbs draw from. */
    private static final Object[][] STATES = {
            {"nsw", 32, 2000, 2999}, {"vic", 26, 3000, 3999}, {"qld", 20, 4000, 4999}, {"wa", 11, 6000, 6797},
            {"sa", 7, 5000, 5799}, {"tas", 2, 7000, 7799}, {"act", 1, 2600, 2618}, {"nt", 1, 800, 899}};

    private BuiltInTables() {
    }

    static FrequencyTable givenNames() {
        return FrequencyTable.zipf(List.of(GIVEN_NAMES), 0.9);
    }

    static FrequencyTable surnames() {
        final Set<String> surnames = new LinkedHashSet<>(List.of(COMMON_SURNAMES));
        for (final String start : SURNAME_STARTS) {
            for (final String end : SURNAME_ENDS) {
                surnames.add(start + end);
            }
        }
        return FrequencyTable.zipf(new ArrayList<>(surnames), 0.85);
    }

    static FrequencyTable streets() {
        final List<String> streets = new ArrayList<>();
        for (final String name : STREET_NAMES) {
            for (final String type : STREET_TYPES) {
                streets.add(name + " " + type);
            }
        }
        return FrequencyTable.zipf(streets, 0.6);
    }

    static FrequencyTable states() {
        final List<String> names = new ArrayList<>();
        final List<Long> shares = new ArrayList<>();
        for (final Object[] state : STATES) {
            names.add((String) state[0]);
            shares.add(((Integer) state[1]).longValue());
        }
        return new FrequencyTable(names, shares);
    }

    /** Suburbs as {state, suburb, postcode}: every composed name once, in a state by population share. */
    static List<String[]> suburbs(final java.util.SplittableRandom random) {
        final FrequencyTable states = states();
        final List<String[]> suburbs = new ArrayList<>();
        for (final String start : SUBURB_STARTS) {
            for (final String end : SUBURB_ENDS) {
                final String state = states.sample(random);
                for (final Object[] row : STATES) {
                    if (row[0].equals(state)) {
                        final int low = (Integer) row[2];
                        final int high = (Integer) row[3];
                        final int postcode = low + random.nextInt(high - low + 1);
                        suburbs.add(new String[]{state, start + end, String.format(java.util.Locale.ROOT, "%04d", postcode)});
                    }
                }
            }
        }
        return suburbs;
    }
}
