// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares our DICOM JSON (PS3.18 Annex F) with dcm2json's, both parsed by
 * {@code dicomite.json.Json}, and lists every difference with its path, e.g.
 * {@code 0040A730[0].0040A123 Value[0]: ours "..." vs dcm2json "..."}.
 *
 * <p>The trees must match except for these normalisations, each a difference of form that
 * PS3.18 allows or a known habit of dcmtk 3.6.7, not of content:
 * <ol>
 *   <li>Numbers compare by value (BigDecimal.compareTo): dcm2json copies DS and IS text
 *       ("1.80", "0.000", "-1.5e-3") into the JSON, and another writer may print the same number
 *       differently; F.2.3 makes them JSON numbers, so only the value counts.</li>
 *   <li>SV and UV values may be a JSON string holding the integer: F.2.3.1 lets values beyond
 *       ±2^53 be strings, dcm2json uses strings for them, and either side may.</li>
 *   <li>(0008,0005) is not compared when dcm2json says "ISO_IR 192": dcm2json converts the text
 *       to UTF-8 and rewrites the term, while F.2.2 (note 3) keeps the source's value.</li>
 *   <li>Trailing NULs of dcm2json strings are dropped: dcmtk pads an odd-length value with a NUL
 *       in memory and prints it: "PID" becomes "PID" and a NUL.</li>
 * </ol>
 * Also checked: our attribute names ascend (F.2.2). Not thread-safe; one instance a comparison.
 */
final class FixtureJsonDiff {
    private static final int SHOWN = 100; // characters of a value shown in a message

    private final Set<String> ignoredPaths;
    private final List<String> differences = new ArrayList<>();

    private FixtureJsonDiff(Set<String> ignoredPaths) {
        this.ignoredPaths = ignoredPaths;
    }

    /**
     * The differences between two data set objects; empty when they match.
     *
     * @param ignoredPaths attribute paths, like {@code 0040A730[0].0040A123}, left out
     */
    static List<String> compare(Object ours, Object dcmtk, Set<String> ignoredPaths) {
        FixtureJsonDiff diff = new FixtureJsonDiff(ignoredPaths);
        diff.compareDataset("", ours, dcmtk);
        return diff.differences;
    }

    private void compareDataset(String path, Object ours, Object dcmtk) {
        if (!(ours instanceof Map<?, ?> o) || !(dcmtk instanceof Map<?, ?> d)) {
            differ(path + "(data set)", ours, dcmtk);
            return;
        }
        checkAscending(path, o);
        TreeSet<String> tags = new TreeSet<>();
        o.keySet().forEach(k -> tags.add((String) k));
        d.keySet().forEach(k -> tags.add((String) k));
        for (String tag : tags) {
            String at = path + tag;
            if (ignoredPaths.contains(at)) {
                continue;
            }
            if (!o.containsKey(tag) || !d.containsKey(tag)) {
                differ(at, o.get(tag), d.get(tag));
            } else {
                compareAttribute(at, tag, o.get(tag), d.get(tag));
            }
        }
    }

    private void checkAscending(String path, Map<?, ?> ours) {
        String previous = "";
        for (Object key : ours.keySet()) {
            if (((String) key).compareTo(previous) <= 0) {
                differences.add(path + key + ": our attributes are not in ascending order");
            }
            previous = (String) key;
        }
    }

    private void compareAttribute(String path, String tag, Object ours, Object dcmtk) {
        Map<?, ?> o = (Map<?, ?>) ours;
        Map<?, ?> d = (Map<?, ?>) dcmtk;
        String vr = String.valueOf(d.get("vr"));
        if (!Objects.equals(o.get("vr"), d.get("vr"))) {
            differ(path + " vr", o.get("vr"), d.get("vr"));
        }
        if (tag.equals("00080005") && List.of("ISO_IR 192").equals(d.get("Value"))) {
            return; // normalisation 3
        }
        TreeSet<String> fields = new TreeSet<>();
        o.keySet().forEach(k -> fields.add((String) k));
        d.keySet().forEach(k -> fields.add((String) k));
        fields.remove("vr");
        for (String field : fields) {
            if (field.equals("Value") && o.get(field) instanceof List<?> ov
                    && d.get(field) instanceof List<?> dv) {
                compareValues(path, vr, ov, dv);
            } else if (!Objects.equals(o.get(field), d.get(field))) {
                differ(path + " " + field, o.get(field), d.get(field));
            }
        }
    }

    private void compareValues(String path, String vr, List<?> ours, List<?> dcmtk) {
        if (ours.size() != dcmtk.size()) {
            differ(path + " Value (" + ours.size() + " vs " + dcmtk.size() + " values)",
                    ours, dcmtk);
            return;
        }
        for (int i = 0; i < ours.size(); i++) {
            if (vr.equals("SQ")) {
                compareDataset(path + "[" + i + "].", ours.get(i), dcmtk.get(i));
            } else if (!sameValue(vr, ours.get(i), dcmtk.get(i))) {
                differ(path + " Value[" + i + "]", ours.get(i), dcmtk.get(i));
            }
        }
    }

    private static boolean sameValue(String vr, Object ours, Object dcmtk) {
        if (ours instanceof BigDecimal o && dcmtk instanceof BigDecimal d) {
            return o.compareTo(d) == 0; // normalisation 1
        }
        if ((vr.equals("SV") || vr.equals("UV")) && ours != null && dcmtk != null) {
            return sameInteger(ours, dcmtk); // normalisation 2
        }
        if (dcmtk instanceof String d) {
            return d.replaceAll("\\x00+$", "").equals(ours); // normalisation 4
        }
        if (dcmtk instanceof Map<?, ?> d && ours instanceof Map<?, ?> o) {
            return o.keySet().equals(d.keySet())
                    && d.keySet().stream().allMatch(k -> sameValue("PN", o.get(k), d.get(k)));
        }
        return Objects.equals(ours, dcmtk);
    }

    private static boolean sameInteger(Object ours, Object dcmtk) {
        try {
            return new BigDecimal(ours.toString()).compareTo(new BigDecimal(dcmtk.toString())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void differ(String path, Object ours, Object dcmtk) {
        differences.add(path + ": ours " + shown(ours) + " vs dcm2json " + shown(dcmtk));
    }

    private static String shown(Object value) {
        if (value == null) {
            return "(absent)";
        }
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }
}
