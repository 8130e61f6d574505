// SPDX-License-Identifier: MIT
package dicomite.dicom;

/**
 * Value Representations of PS3.5 §6.2, with the encoding facts the codec needs.
 *
 * <p>{@code longHeader} marks the VRs whose explicit-VR header has two reserved bytes and a
 * 32-bit length (PS3.5 §7.1.2, Table 7.1-1); {@code bytesPerValue} is the size of one binary value
 * (0 for strings, sequences and OB/UN, which are byte streams).
 */
public enum VR {
    AE(Kind.STRING, false, 0), AS(Kind.STRING, false, 0), AT(Kind.BINARY, false, 4),
    CS(Kind.STRING, false, 0), DA(Kind.STRING, false, 0), DS(Kind.STRING, false, 0),
    DT(Kind.STRING, false, 0), FD(Kind.BINARY, false, 8), FL(Kind.BINARY, false, 4),
    IS(Kind.STRING, false, 0), LO(Kind.TEXT, false, 0), LT(Kind.TEXT, false, 0),
    OB(Kind.BULK, true, 1), OD(Kind.BULK, true, 8), OF(Kind.BULK, true, 4),
    OL(Kind.BULK, true, 4), OV(Kind.BULK, true, 8), OW(Kind.BULK, true, 2),
    PN(Kind.TEXT, false, 0), SH(Kind.TEXT, false, 0), SL(Kind.BINARY, false, 4),
    SQ(Kind.SEQUENCE, true, 0), SS(Kind.BINARY, false, 2), ST(Kind.TEXT, false, 0),
    SV(Kind.BINARY, true, 8), TM(Kind.STRING, false, 0), UC(Kind.TEXT, true, 0),
    UI(Kind.STRING, false, 0), UL(Kind.BINARY, false, 4), UN(Kind.BULK, true, 1),
    UR(Kind.STRING, true, 0), US(Kind.BINARY, false, 2), UT(Kind.TEXT, true, 0),
    UV(Kind.BINARY, true, 8);

    /** How a VR's value is held: character strings, binary numbers, bulk bytes or items. */
    public enum Kind { STRING, TEXT, BINARY, BULK, SEQUENCE }

    private final Kind kind;
    private final boolean longHeader;
    private final int bytesPerValue; // bytes; 0 when values are not fixed-size

    VR(Kind kind, boolean longHeader, int bytesPerValue) {
        this.kind = kind;
        this.longHeader = longHeader;
        this.bytesPerValue = bytesPerValue;
    }

    public Kind kind() {
        return kind;
    }

    /** True for VRs encoded with 2 reserved bytes and a 4-byte length in explicit VR. */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** Size of one value in bytes for binary VRs (AT counts as 4), else 0. */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** True for character-string VRs, both plain ASCII ones and those using the character set. */
    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /**
     * True for the VRs whose value is decoded with the Specific Character Set (PS3.5 §6.1.2.3):
     * SH, LO, UC, ST, LT, UT and PN. The rest use the default repertoire.
     */
    public boolean usesCharacterSet() {
        return kind == Kind.TEXT;
    }

    /** True for OB, OD, OF, OL, OV, OW and UN: the VRs that DICOM JSON metadata leaves out. */
    public boolean isBulk() {
        return kind == Kind.BULK;
    }

    /** True for ST, LT, UT and UR, whose value is one string that may contain backslashes. */
    public boolean isSingleValued() {
        return this == ST || this == LT || this == UT || this == UR;
    }

    /** Padding byte for an odd-length value: NUL for UI and binary VRs, space for strings. */
    public byte paddingByte() {
        return isString() && this != UI ? (byte) ' ' : 0;
    }

    /** Finds the VR named by two characters, or null when they name none. */
    public static VR fromCode(int c1, int c2) {
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
            return null;
        }
        try {
            return valueOf(new String(new char[] {(char) c1, (char) c2}));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
