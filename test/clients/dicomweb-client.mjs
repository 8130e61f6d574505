// SPDX-License-Identifier: MIT
// Drives Dicomite (or a live DICOMweb service) with dicomweb-client, the DICOMweb library of the
// OHIF viewer, the way a viewer does: STOW-RS (PS3.18 §10.5), QIDO-RS (§10.6), WADO-RS metadata
// and instances (§10.4). Checks every answer and prints one line per check and per request.
//
// Usage: node dicomweb-client.mjs <baseUrl> <manifest.json>
//   baseUrl        the service root, e.g. http://127.0.0.1:8080/ (the script appends "v2")
//   manifest.json  {"patientId": "...", "patientName": "...", "instances": [{"file": "/x.dcm",
//                  "study": "...", "series": "...", "sop": "...", "modality": "CT",
//                  "transferSyntax": "1.2.840.10008.1.2.1"}, ...]}; every instance carries the
//                  manifest's patient; the last study is stored through POST /studies/{study}.
// Environment: DICOMWEB_TOKEN, if set, is sent as "Authorization: Bearer ..." (a live service).
// Exit status: 0 when every check passed, 1 when one failed, 2 on bad arguments.
import { readFileSync } from 'node:fs';
import { api } from 'dicomweb-client';
import XHR2 from 'xhr2';

const ANY_SYNTAX = [{ mediaType: 'application/dicom', transferSyntaxUID: '*' }];
const STUDY = '0020000D';
const SERIES = '0020000E';
const SOP = '00080018';

// dicomweb-client calls the browser's XMLHttpRequest; Node.js has none, so xhr2 stands in.
// A browser sends "Accept: */*" when the page sets no Accept (the Fetch standard's "fetch"
// algorithm); xhr2 sends none, and storeInstances sets none, so a STOW would get the 406 that
// Azure gives a request without Accept (spec §1.4). Adding the browser's default keeps the
// requests the ones OHIF sends. Every request is printed with its Accept and Content-Type.
class BrowserXMLHttpRequest extends XHR2 {
    send(data) {
        if (!('accept' in this._loweredHeaders)) {
            this.setRequestHeader('Accept', '*/*');
        }
        const type = this._headers[this._loweredHeaders['content-type']];
        console.log(`-> ${this._method} ${this._url.path} | Accept: ${this._headers.Accept}`
            + (type ? ` | Content-Type: ${type}` : ''));
        super.send(data);
    }
}
globalThis.XMLHttpRequest = BrowserXMLHttpRequest;

class CheckFailure extends Error {}

function expect(condition, message) {
    if (!condition) {
        throw new CheckFailure(message);
    }
}

function expectSameSet(actual, expected, what) {
    const a = [...actual].sort();
    const e = [...expected].sort();
    expect(JSON.stringify(a) === JSON.stringify(e),
        `${what}: got ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
}

function first(dataset, tag) {
    const element = dataset[tag];
    return element && element.Value ? element.Value[0] : undefined;
}

function uids(datasets, tag) {
    expect(Array.isArray(datasets), `expected a JSON array, got ${JSON.stringify(datasets)}`);
    return datasets.map(ds => first(ds, tag));
}

function describe(error) {
    if (error instanceof CheckFailure) {
        return error.message;
    }
    if (error && error.status !== undefined) {
        // A JSON request's plain-text error body fails to parse and is lost (null).
        const body = typeof error.response === 'string' ? error.response
            : error.response instanceof ArrayBuffer ? Buffer.from(error.response).toString()
            : error.response === null ? '(a body that is not JSON)'
            : JSON.stringify(error.response);
        return `HTTP ${error.status} ${error.request?.statusText ?? ''}: ${body}`;
    }
    return error && error.stack ? error.stack : String(error);
}

function loadManifest(path) {
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const instances = manifest.instances.map(i => ({ ...i, bytes: readFileSync(i.file) }));
    const studies = [...new Set(instances.map(i => i.study))];
    const series = [...new Set(instances.map(i => i.series))];
    return { ...manifest, instances, studies, series };
}

function sameBytes(arrayBuffer, instance) {
    return Buffer.compare(Buffer.from(arrayBuffer), instance.bytes) === 0;
}

async function run(baseUrl, manifest) {
    const token = process.env.DICOMWEB_TOKEN;
    const client = new api.DICOMwebClient({
        url: baseUrl.replace(/\/?$/, '/') + 'v2',
        verbose: false,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    const checks = [
        ...storeChecks(client, manifest),
        ...searchChecks(client, manifest),
        ...metadataChecks(client, manifest),
        ...retrieveChecks(client, manifest),
    ];
    let failed = 0;
    for (const [name, body] of checks) {
        try {
            await body();
            console.log(`ok   ${name}`);
        } catch (error) {
            failed++;
            console.log(`FAIL ${name}: ${describe(error)}`);
        }
    }
    console.log(`dicomweb-client: ${checks.length - failed} checks passed, ${failed} failed`);
    return failed === 0;
}

// PS3.18 §10.5: the store answer lists each stored SOP instance in ReferencedSOPSequence.
async function store(client, instances, studyInstanceUID) {
    const request = new BrowserXMLHttpRequest();
    const options = { datasets: instances.map(i => i.bytes), request: { instance: request } };
    if (studyInstanceUID) {
        options.studyInstanceUID = studyInstanceUID;
    }
    const answer = JSON.parse(await client.storeInstances(options));
    expect(request.status === 200, `status ${request.status}: ${JSON.stringify(answer)}`);
    expect(!answer['00081198'], `failed SOP instances: ${JSON.stringify(answer['00081198'])}`);
    const referenced = answer['00081199'].Value;
    expectSameSet(referenced.map(item => first(item, '00081155')), instances.map(i => i.sop),
        'stored SOP instances');
    return answer;
}

function storeChecks(client, m) {
    const last = m.studies[m.studies.length - 1];
    const before = m.instances.filter(i => i.study !== last);
    const into = m.instances.filter(i => i.study === last);
    // multipartEncode cannot encode an empty list (a RangeError), so one study skips the first.
    const checks = before.length === 0 ? [] : [[
        `storeInstances: ${before.length} instances in one POST /studies`,
        () => store(client, before)]];
    checks.push([`storeInstances: ${into.length} instance(s) through POST /studies/{study}`,
        async () => {
            const answer = await store(client, into, last);
            const url = first(answer, '00081190');
            expect(url && url.endsWith(`/v2/studies/${last}`), `RetrieveURL ${url}`);
        }]);
    return checks;
}

function searchChecks(client, m) {
    const checks = [
        ['searchForStudies by PatientID', async () => {
            const queryParams = { PatientID: m.patientId };
            const found = await client.searchForStudies({ queryParams });
            expectSameSet(uids(found, STUDY), m.studies, 'studies of the patient');
        }],
        ['searchForStudies as the OHIF study list asks', async () => {
            const queryParams = { PatientID: m.patientId, StudyDate: '20240101-20241231',
                limit: 101, offset: 0, fuzzymatching: false, includefield: '00081030,00080060' };
            const found = await client.searchForStudies({ queryParams });
            expectSameSet(uids(found, STUDY), m.studies, 'studies in the date range');
            expect(found.every(ds => first(ds, '00100010')?.Alphabetic === m.patientName),
                `PatientName of ${JSON.stringify(found.map(ds => ds['00100010']))}`);
        }],
        ['searchForStudies with fuzzy PatientName', async () => {
            const word = m.patientName.split('^')[0].slice(0, 3).toLowerCase();
            const queryParams = { PatientName: word, fuzzymatching: true, PatientID: m.patientId };
            const found = await client.searchForStudies({ queryParams });
            expectSameSet(uids(found, STUDY), m.studies, `studies of patient name '${word}'`);
        }],
        ['searchForStudies without a match resolves to []', async () => {
            const queryParams = { PatientID: `${m.patientId}-none` };
            const found = await client.searchForStudies({ queryParams });
            expect(Array.isArray(found) && found.length === 0, `got ${JSON.stringify(found)}`);
        }],
    ];
    for (const modality of new Set(m.instances.map(i => i.modality))) {
        checks.push(modalitySearchCheck(client, m, modality));
    }
    for (const study of m.studies) {
        checks.push(...studySearchChecks(client, m, study));
    }
    return checks;
}

function studySearchChecks(client, m, study) {
    const inStudy = m.instances.filter(i => i.study === study);
    const series = [...new Set(inStudy.map(i => i.series))];
    const checks = [
        [`searchForStudies by StudyInstanceUID ${study}`, async () => {
            const queryParams = { StudyInstanceUID: study,
                includefield: 'NumberOfStudyRelatedInstances' };
            const found = await client.searchForStudies({ queryParams });
            expectSameSet(uids(found, STUDY), [study], 'studies');
            expect(Number(first(found[0], '00201208')) === inStudy.length,
                `NumberOfStudyRelatedInstances ${JSON.stringify(found[0]['00201208'])}`);
        }],
        [`searchForSeries of study ${study}`, async () => {
            const found = await client.searchForSeries({ studyInstanceUID: study });
            expectSameSet(uids(found, SERIES), series, 'series of the study');
            for (const ds of found) {
                const modality = inStudy.find(i => i.series === first(ds, SERIES)).modality;
                expect(first(ds, '00080060') === modality, `Modality of ${first(ds, SERIES)}`);
            }
        }],
        [`searchForInstances of study ${study}`, async () => {
            const found = await client.searchForInstances({ studyInstanceUID: study });
            expectSameSet(uids(found, SOP), inStudy.map(i => i.sop), 'instances of the study');
        }],
    ];
    for (const se of series) {
        checks.push(...seriesSearchChecks(client, study, se, inStudy.filter(i => i.series === se)));
    }
    return checks;
}

function seriesSearchChecks(client, study, series, inSeries) {
    return [
        [`searchForInstances of series ${series}`, async () => {
            const found = await client.searchForInstances(
                { studyInstanceUID: study, seriesInstanceUID: series });
            expectSameSet(uids(found, SOP), inSeries.map(i => i.sop), 'instances of the series');
        }],
        [`searchForInstances by SOPInstanceUID ${inSeries[0].sop}`, async () => {
            const queryParams = { SOPInstanceUID: inSeries[0].sop };
            const found = await client.searchForInstances({ queryParams });
            expectSameSet(uids(found, SOP), [inSeries[0].sop], 'instances');
            expect(first(found[0], STUDY) === study && first(found[0], SERIES) === series,
                `study and series of ${JSON.stringify(found[0])}`);
        }],
    ];
}

function modalitySearchCheck(client, m, modality) {
    return [`searchForSeries by PatientID and Modality ${modality}`, async () => {
        const queryParams = { PatientID: m.patientId, Modality: modality };
        const found = await client.searchForSeries({ queryParams });
        const expected = m.instances.filter(i => i.modality === modality).map(i => i.series);
        expectSameSet(uids(found, SERIES), new Set(expected), `${modality} series`);
    }];
}

// Spec §1.8: metadata never holds bulk data, so the pixel data must be missing.
function expectMetadataOf(datasets, instances) {
    expectSameSet(uids(datasets, SOP), instances.map(i => i.sop), 'metadata instances');
    for (const ds of datasets) {
        expect(!ds['7FE00010'], `pixel data in the metadata of ${first(ds, SOP)}`);
        const instance = instances.find(i => i.sop === first(ds, SOP));
        expect(first(ds, STUDY) === instance.study && first(ds, SERIES) === instance.series,
            `study and series in the metadata of ${instance.sop}`);
    }
}

function metadataChecks(client, m) {
    const checks = m.studies.map(study => [`retrieveStudyMetadata ${study}`, async () => {
        const datasets = await client.retrieveStudyMetadata({ studyInstanceUID: study });
        expectMetadataOf(datasets, m.instances.filter(i => i.study === study));
    }]);
    for (const series of m.series) {
        const inSeries = m.instances.filter(i => i.series === series);
        const ids = { studyInstanceUID: inSeries[0].study, seriesInstanceUID: series };
        checks.push([`retrieveSeriesMetadata ${series}`, async () => {
            expectMetadataOf(await client.retrieveSeriesMetadata(ids), inSeries);
        }]);
    }
    const one = m.instances[0];
    checks.push([`retrieveInstanceMetadata ${one.sop}`, async () => {
        const datasets = await client.retrieveInstanceMetadata(instanceIds(one));
        expectMetadataOf(datasets, [one]);
        expect(first(datasets[0], '00100010')?.Alphabetic === m.patientName,
            `PatientName ${JSON.stringify(datasets[0]['00100010'])}`);
    }]);
    return checks;
}

function instanceIds(instance) {
    return { studyInstanceUID: instance.study, seriesInstanceUID: instance.series,
        sopInstanceUID: instance.sop };
}

// dicomweb-client 0.11.3 refuses any mediaTypes list in retrieveInstance, retrieveSeries and
// retrieveStudy before sending a request: _getSharedMediaTypes cuts "application/dicom" down to
// "application/", which never equals the "application/dicom" it is then compared with (upstream
// pull request dcmjs-org/dicomweb-client#56, open), whatever the server. So the retrievals with
// transfer-syntax=* call the method those three call next, which builds the Accept header from
// the list and decodes the multipart answer.
function retrieveAnySyntax(client, path) {
    return client._httpGetMultipartApplicationDicom(`${client.wadoURL}/${path}`, ANY_SYNTAX,
        false, {});
}

function instancePath(instance) {
    return `studies/${instance.study}/series/${instance.series}/instances/${instance.sop}`;
}

function expectInstances(parts, instances) {
    expect(parts.length === instances.length, `${parts.length} parts for ${instances.length}`);
    for (const instance of instances) {
        expect(parts.some(part => sameBytes(part, instance)),
            `no part equals the stored bytes of ${instance.sop}`);
    }
}

function retrieveChecks(client, m) {
    const checks = m.instances.map(instance => [`retrieve instance ${instance.sop} (syntax *)`,
        async () => {
            const [part] = await retrieveAnySyntax(client, instancePath(instance));
            expect(sameBytes(part, instance), `bytes differ from the stored file ${instance.file}`);
            expect(part.transferSyntaxUID === instance.transferSyntax,
                `part transfer syntax ${part.transferSyntaxUID}`);
        }]);
    // The client's default Accept names no transfer syntax, which means Explicit VR Little
    // Endian (spec §3.2): the stored syntax here, so the file comes back as stored.
    checks.push([`retrieveInstance ${m.instances[0].sop} (default Accept)`, async () => {
        const part = await client.retrieveInstance(instanceIds(m.instances[0]));
        expect(sameBytes(part, m.instances[0]), 'bytes differ from the stored file');
    }]);
    for (const series of m.series) {
        const inSeries = m.instances.filter(i => i.series === series);
        const path = `studies/${inSeries[0].study}/series/${series}`;
        checks.push([`retrieve series ${series} (syntax *)`,
            async () => expectInstances(await retrieveAnySyntax(client, path), inSeries)]);
    }
    for (const study of m.studies) {
        checks.push(...studyRetrieveChecks(client, m, study));
    }
    return checks;
}

function studyRetrieveChecks(client, m, study) {
    const inStudy = m.instances.filter(i => i.study === study);
    const checks = [[`retrieve study ${study} (syntax *)`, async () => {
        expectInstances(await retrieveAnySyntax(client, `studies/${study}`), inStudy);
    }]];
    if (inStudy.length > 1) {
        // Spec §3.3: Azure refuses a study of several instances in a named syntax, and the
        // client's default Accept names one implicitly; a viewer must ask for '*'.
        checks.push([`retrieveStudy ${study} (default Accept) is refused with 406`, async () => {
            const outcome = await client.retrieveStudy({ studyInstanceUID: study })
                .then(parts => `${parts.length} parts`, error => error.status);
            expect(outcome === 406, `expected HTTP 406, got ${outcome}`);
        }]);
    }
    return checks;
}

async function main(argv) {
    if (argv.length !== 2) {
        console.error('Usage: node dicomweb-client.mjs <baseUrl> <manifest.json>');
        return 2;
    }
    return (await run(argv[0], loadManifest(argv[1]))) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
