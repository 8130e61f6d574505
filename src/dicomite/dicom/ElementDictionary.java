// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The PS3.6 data dictionary: tag, VRs, VM, keyword, name and retired flag of every public
 * attribute of the registries of PS3.6 §6 (data elements), §7 (file meta elements) and §8
 * (directory structuring elements), and of the command elements of PS3.7 Annex E. Tags it does
 * not list follow PS3.5: group lengths (gggg,0000) are UL, private creators LO (§7.8.1), the
 * rest UN. The item and delimitation tags (FFFE,E000/E00D/E0DD) have no VR and are not listed.
 *
 * <p>The table is the generated resource {@code elements.tsv} (made by
 * {@code tools/gen-dictionary.py}), loaded once on first use. Repeating groups and element
 * ranges, such as (60xx,0010) and (0020,31xx), match every tag of their range; their entries
 * carry the first tag of it ({@code 0x60000010}). When PS3.6 allows several VRs, the one that
 * Implicit VR Little Endian uses comes first: OW for "OB or OW" (PS3.5 §A.1), US for "US or SS".
 *
 * <p>{@link #vrOf} runs once per element when parsing Implicit VR, so it does a binary search
 * over an {@code int[]} and allocates nothing. The tables are immutable after loading and safe to
 * share between threads.
 */
public final class ElementDictionary {
    private static final String RESOURCE = "elements.tsv";
    private static final int COLUMNS = 6;
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    /**
     * One attribute of PS3.6.
     *
     * @param tag     the tag; for a repeating group or range, its first tag (60xx,0010 -> 60000010)
     * @param vrs     the allowed VRs, never empty, the implicit-VR default first
     * @param vm      value multiplicity as PS3.6 writes it: "1", "1-n", "2-2n"...
     * @param keyword the PS3.6 keyword, such as {@code PatientName}
     * @param name    the PS3.6 name, such as {@code Patient's Name}
     * @param retired true when PS3.6 marks the attribute retired
     */
    public record Entry(int tag, List<VR> vrs, String vm, String keyword, String name,
            boolean retired) {
        public Entry {
            vrs = List.copyOf(vrs);
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(name, "name");
            if (vrs.isEmpty()) {
                throw new IllegalArgumentException("Entry " + Tag.toString(tag) + " has no VR");
            }
        }
    }

    private ElementDictionary() {
    }

    /**
     * Finds the PS3.6 attribute of a tag, resolving repeating groups. Group lengths and private
     * elements are not PS3.6 attributes, so they are absent unless the table lists them.
     *
     * <pre>{@code
     * ElementDictionary.find(0x60020010).map(Entry::keyword) // Optional[OverlayRows]
     * }</pre>
     */
    public static Optional<Entry> find(int tag) {
        return Optional.ofNullable(Table.INSTANCE.entryOrNull(tag));
    }

    /**
     * The VR to use for a tag whose encoding does not say (Implicit VR, PS3.5 §7.1.3): the first
     * VR of its entry, else UL for a group length (gggg,0000), LO for a private creator
     * (gggg,0010-00FF) in a private group (PS3.5 §7.8.1), and UN for anything else.
     *
     * <pre>{@code ElementDictionary.vrOf(Tag.PatientName) // PN}</pre>
     */
    public static VR vrOf(int tag) {
        Table table = Table.INSTANCE;
        int index = Arrays.binarySearch(table.tags, tag);
        if (index >= 0) {
            return table.firstVrs[index];
        }
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        if (Tag.isPrivate(tag)) {
            return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
        }
        Entry repeating = table.repeatingEntryOrNull(tag);
        return repeating == null ? VR.UN : repeating.vrs().get(0);
    }

    /**
     * The PS3.6 keyword of a tag, or "" when the dictionary has none.
     *
     * <pre>{@code ElementDictionary.keywordOf(0x0020000D) // "StudyInstanceUID"}</pre>
     */
    public static String keywordOf(int tag) {
        Entry entry = Table.INSTANCE.entryOrNull(tag);
        return entry == null ? "" : entry.keyword();
    }

    /**
     * The tag of a PS3.6 keyword (case-sensitive), empty when no attribute has it. A repeating
     * group's keyword gives its first tag.
     *
     * <pre>{@code ElementDictionary.tagOf("OverlayRows") // OptionalInt of 0x60000010}</pre>
     */
    public static OptionalInt tagOf(String keyword) {
        Entry entry = Table.INSTANCE.byKeyword.get(keyword);
        return entry == null ? OptionalInt.empty() : OptionalInt.of(entry.tag());
    }

    /** The loaded resource; a holder class so that the file is read on first use only. */
    private static final class Table {
        private static final Comparator<Entry> BY_TAG = Comparator.comparingInt(Entry::tag);
        static final Table INSTANCE = load();

        final int[] tags; // sorted (signed order, as Arrays.binarySearch needs)
        final Entry[] entries; // parallel to tags
        final VR[] firstVrs; // parallel to tags
        final int[] masks; // of repeating entries: bits that must equal those of values
        final int[] values;
        final Entry[] repeating;
        final Map<String, Entry> byKeyword; // never modified after construction

        // Plain loops rather than streams: this runs once, cold, on the first parse.
        private Table(List<Entry> exact, List<Row> repeatingRows, Map<String, Entry> byKeyword) {
            exact.sort(BY_TAG);
            tags = new int[exact.size()];
            entries = exact.toArray(new Entry[0]);
            firstVrs = new VR[exact.size()];
            for (int i = 0; i < entries.length; i++) {
                tags[i] = entries[i].tag();
                firstVrs[i] = entries[i].vrs().get(0);
            }
            masks = new int[repeatingRows.size()];
            values = new int[repeatingRows.size()];
            repeating = new Entry[repeatingRows.size()];
            for (int i = 0; i < repeating.length; i++) {
                masks[i] = repeatingRows.get(i).mask();
                repeating[i] = repeatingRows.get(i).entry();
                values[i] = repeating[i].tag();
            }
            this.byKeyword = byKeyword;
        }

        private static Table of(List<Row> rows) {
            List<Entry> exact = new ArrayList<>(rows.size());
            List<Row> repeatingRows = new ArrayList<>();
            Map<String, Entry> byKeyword = new HashMap<>(rows.size() * 2);
            for (Row row : rows) {
                if (row.mask() == -1) {
                    exact.add(row.entry());
                } else {
                    repeatingRows.add(row);
                }
                byKeyword.put(row.entry().keyword(), row.entry());
            }
            return new Table(exact, repeatingRows, byKeyword);
        }

        Entry entryOrNull(int tag) {
            int index = Arrays.binarySearch(tags, tag);
            if (index >= 0) {
                return entries[index];
            }
            // PS3.5 §7.6: repeating groups are even; odd groups in their ranges are private
            return Tag.isPrivate(tag) ? null : repeatingEntryOrNull(tag);
        }

        Entry repeatingEntryOrNull(int tag) {
            for (int i = 0; i < masks.length; i++) {
                if ((tag & masks[i]) == values[i]) {
                    return repeating[i];
                }
            }
            return null;
        }

        /** Reads the resource; a missing or malformed one is a build fault, so it throws. */
        private static Table load() {
            InputStream in = ElementDictionary.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("Resource dicomite/dicom/" + RESOURCE
                        + " is missing from the classpath");
            }
            List<Row> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                for (int number = 1; (line = reader.readLine()) != null; number++) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        rows.add(Row.parse(line, number));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read resource " + RESOURCE, e);
            }
            return of(rows);
        }
    }

    /** One line of the resource: an entry and the mask of its tag pattern (-1 for one tag). */
    private record Row(Entry entry, int mask) {
        static Row parse(String line, int number) {
            String[] cells = line.split("\t", -1);
            if (cells.length != COLUMNS) {
                throw malformed(number, line, "expected " + COLUMNS + " tab-separated columns");
            }
            String pattern = cells[0];
            int mask = maskOf(pattern, number, line);
            int value = Integer.parseUnsignedInt(pattern.replace('x', '0'), 16);
            List<VR> vrs = parseVRs(cells[1], number, line);
            Entry entry = new Entry(value, vrs, cells[2], cells[3], cells[4], "R".equals(cells[5]));
            return new Row(entry, mask);
        }

        /** 60xx0010 -> FF00FFFF: the bits a tag must share with the pattern to match it. */
        private static int maskOf(String pattern, int number, String line) {
            if (pattern.length() != 8) {
                throw malformed(number, line, "tag '" + pattern + "' is not 8 hex digits or x");
            }
            int mask = 0;
            for (int i = 0; i < 8; i++) {
                char c = pattern.charAt(i);
                if (c != 'x' && HEX_DIGITS.indexOf(c) < 0) {
                    throw malformed(number, line, "tag '" + pattern + "' is not 8 hex digits or x");
                }
                mask = mask << 4 | (c == 'x' ? 0 : 0xF);
            }
            return mask;
        }

        /** "US or SS" -> [US, SS]; most rows hold one VR, so that case skips the regex split. */
        private static List<VR> parseVRs(String text, int number, String line) {
            if (text.length() == 2) {
                return List.of(parseVR(text, number, line));
            }
            List<VR> vrs = new ArrayList<>();
            for (String code : text.split(" or ")) {
                vrs.add(parseVR(code, number, line));
            }
            return vrs;
        }

        private static VR parseVR(String code, int number, String line) {
            VR vr = code.length() == 2 ? VR.fromCode(code.charAt(0), code.charAt(1)) : null;
            if (vr == null) {
                throw malformed(number, line, "'" + code + "' is not a VR");
            }
            return vr;
        }

        private static IllegalStateException malformed(int number, String line, String rule) {
            return new IllegalStateException(
                    RESOURCE + " line " + number + ": " + rule + ": '" + line + "'");
        }
    }
}
