// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.StoreInputs.Instance;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;

/**
 * The archive the search benchmark loads into each server: a number of synthetic studies, each
 * of 2 series of 5 small CT-like instances (the header of {@link CtInstance} with 64x64 pixels of
 * 16 bits, about 10 kB a file, Explicit VR Little Endian), and the values the query mix picks
 * from. Everything comes from one seeded generator, so every run loads the same archive, UIDs
 * included, and both servers get the same bytes.
 *
 * <p>Shape, for 10,000 studies: 4,000 patients (2.5 studies each); patient names Family^Given
 * from 100 family and 40 given names, a third of them accented (Müller, Núñez, Zoë), half the
 * patients in ISO_IR 100 (Latin-1), half in ISO_IR 192 (UTF-8); study dates spread evenly over
 * 2010 to 2024 (about 13 studies a week); a unique AccessionNumber a study; 60 referring
 * physicians; modalities weighted CT 30 %, MR 25 %, CR, DX, US 10 % each, PT, NM, MG 5 % each,
 * the second series of a study mostly of the first one's modality.
 */
final class SearchArchive {
    static final int SERIES_PER_STUDY = 2;
    static final int INSTANCES_PER_SERIES = 5;
    static final int INSTANCES_PER_STUDY = SERIES_PER_STUDY * INSTANCES_PER_SERIES;
    static final String SOP_CLASS_CT = "1.2.840.10008.5.1.4.1.1.2";

    record Patient(String id, String name, String birthDate, String sex, String characterSet) {
    }

    record Series(String uid, String modality, int number, List<String> sopInstanceUIDs) {
    }

    record Study(String uid, Patient patient, String date, String accessionNumber,
            String referringPhysician, String description, List<Series> series) {
    }

    static final List<String> FAMILY_NAMES = List.of(
            "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas",
            "Roberts", "Walker", "Wright", "Green", "Hall", "Wood", "Clarke", "Baker", "Turner",
            "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Harris", "Martin", "Lewis",
            "Young", "Allen", "Scott", "Mitchell", "Kelly", "Price", "Bennett", "Reed", "Carter",
            "Murphy", "Bailey", "Cook", "Rossi", "Russo", "Ferrari", "Bianchi", "Romano",
            "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Weber", "Meyer",
            "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf",
            "Neumann", "Schwarz", "Dubois", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
            "Michel", "Garnier", "Müller", "Schröder", "Köhler", "Jäger", "Böhm", "Krüger",
            "Günther", "Lefèvre", "Gérard", "Bézier", "Chéron", "Crépin", "Frémont", "García",
            "Pérez", "Sánchez", "González", "Fernández", "Martínez", "López", "Gómez", "Núñez",
            "Muñoz", "Jiménez", "Ibáñez", "Gonçalves", "Jönsson", "Ångström", "Söderberg",
            "Nyström");
    private static final List<String> GIVEN_NAMES = List.of(
            "James", "John", "Robert", "Michael", "William", "David", "Mary", "Patricia",
            "Jennifer", "Linda", "Elizabeth", "Susan", "Anna", "Laura", "Paul", "Peter", "Hans",
            "Karl", "Marco", "Luca", "Giulia", "Sofia", "Emma", "Lucas", "Pierre", "Marie", "Jean",
            "Claire", "José", "François", "Zoë", "Renée", "Jürgen", "Inés", "Andrés", "Thérèse",
            "Raphaël", "Åsa", "Björn", "Ramón");
    // Modality, weight in percent, study description.
    private static final String[][] MODALITIES = {
        {"CT", "30", "CT CHEST WITH CONTRAST"}, {"MR", "25", "MR BRAIN"},
        {"CR", "10", "CR CHEST PA"}, {"DX", "10", "DX KNEE"}, {"US", "10", "US ABDOMEN"},
        {"PT", "5", "PET WHOLE BODY"}, {"NM", "5", "NM BONE SCAN"}, {"MG", "5", "MAMMOGRAPHY"},
    };
    static final List<String> MODALITY_CODES = List.of("CT", "MR", "CR", "DX", "US", "PT",
            "NM", "MG");
    private static final int PATIENTS_PER_STUDIES = 5; // 2 patients for 5 studies
    private static final int REFERRING_PHYSICIANS = 60;
    static final LocalDate FIRST_DAY = LocalDate.of(2010, 1, 1);
    static final int DAYS = 5479; // 2010-01-01 to 2024-12-31
    private static final int SIZE = 64; // rows and columns
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final List<Study> studies;
    private final Dataset template = template();

    private SearchArchive(List<Study> studies) {
        this.studies = List.copyOf(studies);
    }

    /** The studies, patients and UIDs of {@code studyCount} studies, from {@code seed}. */
    static SearchArchive generate(int studyCount, long seed) {
        Random random = new Random(seed);
        List<Patient> patients = patients(Math.max(1, studyCount * 2 / PATIENTS_PER_STUDIES),
                random);
        List<String> physicians = new ArrayList<>();
        for (int i = 0; i < REFERRING_PHYSICIANS; i++) {
            physicians.add(pick(FAMILY_NAMES, random) + "^" + pick(GIVEN_NAMES, random) + "^^Dr.");
        }
        List<Study> studies = new ArrayList<>(studyCount);
        for (int i = 0; i < studyCount; i++) {
            studies.add(study(i, pick(patients, random), pick(physicians, random), random));
        }
        return new SearchArchive(studies);
    }

    private static List<Patient> patients(int count, Random random) {
        List<Patient> patients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = pick(FAMILY_NAMES, random) + "^" + pick(GIVEN_NAMES, random);
            String birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365)).format(DA);
            String sex = random.nextInt(100) < 48 ? "M" : random.nextInt(100) < 96 ? "F" : "O";
            patients.add(new Patient(String.format("P%07d", i + 1), name, birth, sex,
                    i % 2 == 0 ? "ISO_IR 100" : "ISO_IR 192"));
        }
        return patients;
    }

    private static Study study(int index, Patient patient, String physician, Random random) {
        String[] first = modality(random);
        String[] second = random.nextInt(100) < 70 ? first : modality(random);
        List<Series> series = List.of(series(first[0], 1, random), series(second[0], 2, random));
        String date = FIRST_DAY.plusDays(random.nextInt(DAYS)).format(DA);
        return new Study(uid(random), patient, date, String.format("A%08d", index + 1),
                physician, first[2], series);
    }

    private static Series series(String modality, int number, Random random) {
        String uid = uid(random);
        List<String> sops = new ArrayList<>(INSTANCES_PER_SERIES);
        for (int i = 0; i < INSTANCES_PER_SERIES; i++) {
            sops.add(uid(random));
        }
        return new Series(uid, modality, number, List.copyOf(sops));
    }

    private static String[] modality(Random random) {
        int roll = random.nextInt(100);
        for (String[] m : MODALITIES) {
            roll -= Integer.parseInt(m[1]);
            if (roll < 0) {
                return m;
            }
        }
        return MODALITIES[0];
    }

    /** A "2.25." UID from the seeded generator (PS3.5 §B.2), so runs repeat. */
    static String uid(Random random) {
        return UIDRules.newUID(() -> new UUID(random.nextLong(), random.nextLong()));
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    List<Study> studies() {
        return studies;
    }

    /** The first {@code count} studies (all when there are fewer). */
    SearchArchive first(int count) {
        return new SearchArchive(studies.subList(0, Math.min(count, studies.size())));
    }

    int instanceCount() {
        return studies.size() * INSTANCES_PER_STUDY;
    }

    /**
     * The instances in study order, {@code perRequest} a batch, encoded as each batch is asked
     * for. Not thread-safe: one consumer.
     */
    Iterator<List<Instance>> batches(int perRequest) {
        return new Batches(perRequest);
    }

    /** Walks study, series and instance indexes, encoding one batch a call. */
    private final class Batches implements Iterator<List<Instance>> {
        private final int perRequest;
        private int study;
        private int series;
        private int instance;

        Batches(int perRequest) {
            this.perRequest = perRequest;
        }

        @Override
        public boolean hasNext() {
            return study < studies.size();
        }

        @Override
        public List<Instance> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more batches of the archive.");
            }
            List<Instance> batch = new ArrayList<>(perRequest);
            while (batch.size() < perRequest && hasNext()) {
                Study s = studies.get(study);
                batch.add(encode(s, s.series().get(series), instance));
                advance();
            }
            return batch;
        }

        private void advance() {
            if (++instance < INSTANCES_PER_SERIES) {
                return;
            }
            instance = 0;
            if (++series < SERIES_PER_STUDY) {
                return;
            }
            series = 0;
            study++;
        }
    }

    /** One instance as a Part 10 file; the character set is set first, as the others use it. */
    Instance encode(Study study, Series series, int index) {
        Patient p = study.patient();
        Dataset d = template;
        d.putString(Tag.SpecificCharacterSet, VR.CS, p.characterSet());
        d.putString(Tag.PatientName, VR.PN, p.name());
        d.putString(Tag.PatientID, VR.LO, p.id());
        d.putString(Tag.PatientBirthDate, VR.DA, p.birthDate());
        d.putString(Tag.PatientSex, VR.CS, p.sex());
        d.putString(Tag.StudyInstanceUID, VR.UI, study.uid());
        d.putString(Tag.StudyDate, VR.DA, study.date());
        d.putString(0x00080021, VR.DA, study.date()); // SeriesDate
        d.putString(0x00080023, VR.DA, study.date()); // ContentDate
        d.putString(Tag.AccessionNumber, VR.SH, study.accessionNumber());
        d.putString(Tag.ReferringPhysicianName, VR.PN, study.referringPhysician());
        d.putString(Tag.StudyDescription, VR.LO, study.description());
        d.putString(Tag.SeriesInstanceUID, VR.UI, series.uid());
        d.putString(Tag.Modality, VR.CS, series.modality());
        d.putString(Tag.SeriesNumber, VR.IS, Integer.toString(series.number()));
        d.putString(Tag.SeriesDescription, VR.LO, series.modality() + " series " + series.number());
        String sop = series.sopInstanceUIDs().get(index);
        d.putString(Tag.SOPInstanceUID, VR.UI, sop);
        d.putString(Tag.InstanceNumber, VR.IS, Integer.toString(index + 1));
        return new Instance(sop, write(d));
    }

    private static byte[] write(Dataset dataset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE * SIZE * 2 + 4096);
        try {
            Part10Writer.write(out, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding in memory failed", e); // no I/O here
        }
        return out.toByteArray();
    }

    /** The CT header of {@link CtInstance} with 64x64 pixels, the same bytes in every file. */
    private static Dataset template() {
        Dataset d = CtInstance.dataset();
        d.putInts(Tag.Rows, VR.US, SIZE);
        d.putInts(Tag.Columns, VR.US, SIZE);
        byte[] pixels = new byte[SIZE * SIZE * 2];
        Random random = new Random(64);
        for (int i = 0; i < pixels.length; i += 2) {
            int value = random.nextInt(4096); // 12 bits stored
            pixels[i] = (byte) value;
            pixels[i + 1] = (byte) (value >> 8);
        }
        d.put(Element.of(Tag.PixelData, VR.OW, pixels));
        d.putString(Tag.SOPClassUID, VR.UI, SOP_CLASS_CT);
        return d;
    }
}
