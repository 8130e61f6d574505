// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The character sets named by Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2, Tables C.12-2
 * to C.12-5), and how text values of SH, LO, UC, ST, LT, UT and PN decode and encode under them
 * (PS3.5 §6.1).
 *
 * <p>Three kinds: a single term without code extensions (ISO_IR 6, 100, 101, 109, 110, 144, 127,
 * 126, 138, 148, 166) or a Unicode-capable one (ISO_IR 192, GB18030, GBK) is a JDK charset; any
 * ISO 2022 term, ISO_IR 13 or several terms are ISO 2022 code extensions ({@link CodeExtensions}).
 *
 * <p>Lenient on reading, as archives receive whatever modalities write: terms match ignoring case,
 * spaces, '_' and '-'; an unknown term counts as the default repertoire and is listed by
 * {@link #unknownTerms()}; bytes a set lacks become U+FFFD; decoding never throws. Instances are
 * immutable and thread-safe. {@link #of} keeps the first 256 distinct term lists it is given
 * (terms come from untrusted files, so the cache is bounded) and builds a new instance for any
 * other; {@link Dataset} calls it once per data set and keeps the result.
 */
public final class SpecificCharacterSet {
    /** How a value's delimiters reset ISO 2022 designations (PS3.5 §6.1.2.5.3). */
    enum Delimiters {
        /** ST, LT and UT: one value, no delimiters; 05/12 is a character. */
        NONE,
        /** Values separated by 05/12. */
        VALUE,
        /** PN: 05/12 between values, '=' between component groups, '^' between components. */
        PERSON_NAME;

        boolean resetsAt(int b) {
            return (this != NONE && b == '\\') || (this == PERSON_NAME && (b == '^' || b == '='));
        }
    }

    /** Decodes and encodes text values under one Specific Character Set. */
    interface Codec {
        String decode(byte[] bytes, Delimiters delimiters);

        byte[] encode(String text);
    }

    /** A stateless charset: the JDK one decodes and encodes every value. */
    private record CharsetCodec(Charset charset) implements Codec {
        @Override
        public String decode(byte[] bytes, Delimiters delimiters) {
            return new String(bytes, charset); // malformed input becomes U+FFFD
        }

        @Override
        public byte[] encode(String text) {
            return text.getBytes(charset); // unmappable characters become '?'
        }
    }

    /**
     * One Defined Term: {@code alone} is the charset that serves it when it is the only term, or
     * null when it needs ISO 2022 handling; {@code g0}/{@code g1} are the sets it designates, g0
     * null for ISO_IR 192, GB18030 and GBK, which allow no code extensions.
     */
    private record Term(String name, Charset alone, GraphicCharacterSet g0,
            GraphicCharacterSet g1) {
    }

    // ISO_IR 6 proper is ASCII only; bytes above 0x7F are read as Latin-1 rather than lost,
    // since files that omit (0008,0005) yet hold Latin-1 text are common.
    private static final Term DEFAULT_TERM = new Term("ISO_IR 6", StandardCharsets.ISO_8859_1,
            GraphicCharacterSet.ASCII, null);
    private static final Map<String, Term> TERMS = buildTerms();
    private static final int CACHE_LIMIT = 256; // entries; terms come from untrusted files
    private static final Map<List<String>, SpecificCharacterSet> CACHE =
            new ConcurrentHashMap<>();
    private static final Codec DEFAULT_CODEC = new CharsetCodec(DEFAULT_TERM.alone());

    /** The default repertoire, in force when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT =
            new SpecificCharacterSet(List.of(), List.of(), DEFAULT_CODEC);

    private final List<String> terms;
    private final List<String> unknownTerms;
    private final Codec codec;

    private SpecificCharacterSet(List<String> terms, List<String> unknownTerms, Codec codec) {
        this.terms = terms;
        this.unknownTerms = unknownTerms;
        this.codec = codec;
    }

    /**
     * The character set named by the values of (0008,0005), each already split at '\'. Never
     * throws: unknown terms count as the default repertoire (see {@link #unknownTerms()}).
     *
     * <pre>{@code
     * SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
     * String name = cs.decode(element.value(), VR.PN); // "Yamada^Tarou=山田^太郎=やまだ^たろう"
     * }</pre>
     */
    public static SpecificCharacterSet of(String... terms) {
        List<String> key = new ArrayList<>(terms.length);
        for (String term : terms) {
            key.add(term == null ? "" : term.trim());
        }
        if (key.isEmpty() || key.size() == 1 && key.get(0).isEmpty()) {
            return DEFAULT;
        }
        SpecificCharacterSet cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        SpecificCharacterSet created = create(List.copyOf(key));
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(created.terms, created);
        }
        return created;
    }

    /** The values of (0008,0005) this set was made from, trimmed; empty for {@link #DEFAULT}. */
    public List<String> terms() {
        return terms;
    }

    /** The terms that name no Defined Term of PS3.3 C.12.1.1.2 (read as the default). */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** True when every term is a Defined Term. */
    public boolean isKnown() {
        return unknownTerms.isEmpty();
    }

    /**
     * Decodes a text value whose VR is unknown, as if it were LO: ISO 2022 designations reset at
     * control characters and 05/12 but not at '^' or '='. Never throws.
     */
    public String decode(byte[] bytes) {
        return codec.decode(bytes, Delimiters.VALUE);
    }

    /**
     * Decodes the value of an element of this VR: with this character set for SH, LO, UC, ST,
     * LT, UT and PN, with the default repertoire for other string VRs (PS3.5 §6.1.2.3). PN values
     * reset ISO 2022 designations at '^' and '=' as well (PS3.5 §6.1.2.5.3). Never throws.
     *
     * <pre>{@code
     * String text = dataset.characterSet().decode(element.value(), element.vr());
     * }</pre>
     */
    public String decode(byte[] bytes, VR vr) {
        if (vr == null) {
            return decode(bytes);
        }
        if (!vr.usesCharacterSet()) {
            return DEFAULT_CODEC.decode(bytes, Delimiters.VALUE);
        }
        Delimiters delimiters = vr == VR.PN ? Delimiters.PERSON_NAME
                : vr.isSingleValued() ? Delimiters.NONE : Delimiters.VALUE;
        return codec.decode(bytes, delimiters);
    }

    /**
     * Encodes text (values already joined with '\') for an element that uses this character set.
     * A single term encodes with its own charset (Latin-1 for the default repertoire, UTF-8 for
     * ISO_IR 192...); code extensions write escape sequences as PS3.5 §6.1.2.5 does, returning to
     * the initial designation before every delimiter and at the end. Characters the sets lack
     * become '?'. Never throws.
     */
    public byte[] encode(String text) {
        return codec.encode(text);
    }

    @Override
    public String toString() {
        return "SpecificCharacterSet[" + String.join("\\", terms) + "]";
    }

    private static SpecificCharacterSet create(List<String> terms) {
        List<String> unknown = new ArrayList<>();
        List<Term> found = new ArrayList<>();
        for (String term : terms) {
            Optional<Term> match = findTerm(term);
            match.ifPresent(found::add);
            if (match.isEmpty() && !term.isEmpty()) {
                unknown.add(term);
            }
        }
        Term first = findTerm(terms.get(0)).orElse(DEFAULT_TERM);
        return new SpecificCharacterSet(terms, List.copyOf(unknown), codecFor(first, found));
    }

    /**
     * Picks the codec: value 1 alone when it allows no extensions or none is declared, else
     * ISO 2022 code extensions over value 1 and every later term that can take part in them.
     */
    private static Codec codecFor(Term first, List<Term> found) {
        if (first.g0() == null) {
            // PS3.3 C.12.1.1.2: ISO_IR 192, GB18030 and GBK take no code extensions
            return new CharsetCodec(first.alone());
        }
        // a two-byte G0 set as value 1 cannot be the initial G0: values start in ASCII
        GraphicCharacterSet initialG0 = first.g0().isMultiByte()
                ? GraphicCharacterSet.ASCII : first.g0();
        Set<GraphicCharacterSet> own = new LinkedHashSet<>();
        own.add(initialG0);
        own.addAll(setsOf(first));
        Set<GraphicCharacterSet> declared = new LinkedHashSet<>(own);
        for (Term term : found) {
            declared.addAll(setsOf(term));
        }
        if (first.alone() != null && declared.equals(own)) {
            return first == DEFAULT_TERM ? DEFAULT_CODEC : new CharsetCodec(first.alone());
        }
        return new CodeExtensions(initialG0, first.g1(), List.copyOf(declared));
    }

    private static List<GraphicCharacterSet> setsOf(Term term) {
        List<GraphicCharacterSet> sets = new ArrayList<>(2);
        if (term.g0() != null) {
            sets.add(term.g0());
            if (term.g1() != null) {
                sets.add(term.g1());
            }
        }
        return sets;
    }

    private static Optional<Term> findTerm(String term) {
        return Optional.ofNullable(TERMS.get(normalize(term)));
    }

    /** "ISO_IR 100", "iso-ir100" and "ISO IR 100" all become "ISOIR100". */
    private static String normalize(String term) {
        StringBuilder key = new StringBuilder(term.length());
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                key.append(c);
            }
        }
        return key.toString().toUpperCase(Locale.ROOT);
    }

    private static Map<String, Term> buildTerms() {
        List<Term> terms = new ArrayList<>(List.of(DEFAULT_TERM,
                new Term("ISO 2022 IR 6", null, GraphicCharacterSet.ASCII, null),
                new Term("ISO_IR 13", null, GraphicCharacterSet.JIS_X0201_ROMAN,
                        GraphicCharacterSet.JIS_X0201_KATAKANA),
                new Term("ISO 2022 IR 13", null, GraphicCharacterSet.JIS_X0201_ROMAN,
                        GraphicCharacterSet.JIS_X0201_KATAKANA),
                new Term("ISO 2022 IR 87", null, GraphicCharacterSet.JIS_X0208, null),
                new Term("ISO 2022 IR 159", null, GraphicCharacterSet.JIS_X0212, null),
                // G1-only sets; ASCII stays in G0
                new Term("ISO 2022 IR 149", null, GraphicCharacterSet.ASCII,
                        GraphicCharacterSet.KS_X1001),
                new Term("ISO 2022 IR 58", null, GraphicCharacterSet.ASCII,
                        GraphicCharacterSet.GB2312),
                new Term("ISO_IR 192", StandardCharsets.UTF_8, null, null),
                new Term("GB18030", Charset.forName("GB18030"), null, null),
                new Term("GBK", Charset.forName("GBK"), null, null)));
        addSingleByte(terms, "100", GraphicCharacterSet.LATIN_1);
        addSingleByte(terms, "101", GraphicCharacterSet.LATIN_2);
        addSingleByte(terms, "109", GraphicCharacterSet.LATIN_3);
        addSingleByte(terms, "110", GraphicCharacterSet.LATIN_4);
        addSingleByte(terms, "144", GraphicCharacterSet.CYRILLIC);
        addSingleByte(terms, "127", GraphicCharacterSet.ARABIC);
        addSingleByte(terms, "126", GraphicCharacterSet.GREEK);
        addSingleByte(terms, "138", GraphicCharacterSet.HEBREW);
        addSingleByte(terms, "148", GraphicCharacterSet.LATIN_5);
        addSingleByte(terms, "166", GraphicCharacterSet.THAI);
        Map<String, Term> byKey = new HashMap<>();
        terms.forEach(term -> byKey.put(normalize(term.name()), term));
        return Map.copyOf(byKey);
    }

    /** Adds "ISO_IR n" (the part's own charset) and "ISO 2022 IR n" (ASCII in G0, part in G1). */
    private static void addSingleByte(List<Term> terms, String number, GraphicCharacterSet g1) {
        GraphicCharacterSet ascii = GraphicCharacterSet.ASCII;
        terms.add(new Term("ISO_IR " + number, g1.charset(), ascii, g1));
        terms.add(new Term("ISO 2022 IR " + number, null, ascii, g1));
    }
}
