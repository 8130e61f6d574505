// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * A JPEG scan header (SOS, ITU-T T.81 §B.2.3). In the lossless processes (§H.2.2) the spectral
 * selection start holds the predictor selection value and the successive approximation low bit
 * holds the point transform.
 *
 * @param offset byte offset of the SOS marker in the frame's data
 * @param components indexes into the frame's components, in scan order (1..4 of them)
 * @param dcTables DC (or lossless) Huffman table selector of each scan component, 0..3
 * @param acTables AC Huffman table selector of each scan component, 0..3
 * @param spectralStart Ss: first DCT coefficient, or the predictor 1..7 when lossless
 * @param spectralEnd Se: last DCT coefficient
 * @param approximationHigh Ah
 * @param approximationLow Al: the point transform Pt when lossless
 */
record JpegScanHeader(int offset, int[] components, int[] dcTables, int[] acTables,
        int spectralStart, int spectralEnd, int approximationHigh, int approximationLow) {
}
