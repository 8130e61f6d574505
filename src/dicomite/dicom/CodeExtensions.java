// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.List;

/**
 * A Specific Character Set that uses ISO 2022 code extensions (PS3.3 C.12.1.1.2, PS3.5 §6.1.2.5):
 * the designation every value starts from, and the sets its terms declare.
 *
 * <p>Invariants: {@code initialG0} is a single-byte G0 set (ASCII, or JIS X 0201 Romaji for
 * ISO 2022 IR 13) and is the first of {@code declared}; {@code initialG1} is a G1 set or null when
 * value 1 of (0008,0005) designates no G1 set (ISO 2022 IR 6 or empty). Immutable and shared.
 */
record CodeExtensions(GraphicCharacterSet initialG0, GraphicCharacterSet initialG1,
        List<GraphicCharacterSet> declared) implements SpecificCharacterSet.Codec {

    CodeExtensions {
        declared = List.copyOf(declared);
        assert !initialG0.isMultiByte() && initialG0.isG0() && declared.get(0) == initialG0;
    }

    /**
     * The set that decodes GR bytes met while no G1 set is designated: the first G1 set the terms
     * declare (some writers leave out its escape sequence), else Latin-1 as for the default
     * repertoire.
     */
    GraphicCharacterSet fallbackG1() {
        for (GraphicCharacterSet set : declared) {
            if (!set.isG0()) {
                return set;
            }
        }
        return GraphicCharacterSet.LATIN_1;
    }

    @Override
    public String decode(byte[] bytes, SpecificCharacterSet.Delimiters delimiters) {
        return Iso2022Decoder.decode(bytes, this, delimiters);
    }

    @Override
    public byte[] encode(String text) {
        return Iso2022Encoder.encode(text, this);
    }
}
