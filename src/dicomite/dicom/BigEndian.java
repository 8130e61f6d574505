// SPDX-License-Identifier: MIT
package dicomite.dicom;

/**
 * Byte swapping for Explicit VR Big Endian (PS3.5 §7.3, §A.3): binary values are swapped unit by
 * unit, where the unit is the size of one number of the VR (2 for US, SS and OW; 4 for UL, SL,
 * FL, OF and OL; 8 for FD, OD, SV, UV and OV). AT is a pair of 16-bit numbers, so it swaps in
 * 2-byte units. Strings, OB and UN are byte streams and never swapped. Trailing bytes that do not
 * fill a whole unit (an odd length) are left as they are.
 */
final class BigEndian {
    private BigEndian() {
    }

    /** The swap unit in bytes for values of this VR: 1 when nothing is swapped. */
    static int unitOf(VR vr) {
        if (vr == VR.AT) {
            return 2; // PS3.5 §7.3: AT is two 16-bit values, group then element
        }
        VR.Kind kind = vr.kind();
        return kind == VR.Kind.BINARY || kind == VR.Kind.BULK ? Math.max(1, vr.bytesPerValue()) : 1;
    }

    /** Reverses the byte order of each whole unit of {@code bytes}, in place. */
    static void swapInPlace(byte[] bytes, int unit) {
        if (unit <= 1) {
            return;
        }
        for (int start = 0; start + unit <= bytes.length; start += unit) {
            for (int i = start, j = start + unit - 1; i < j; i++, j--) {
                byte b = bytes[i];
                bytes[i] = bytes[j];
                bytes[j] = b;
            }
        }
    }
}
