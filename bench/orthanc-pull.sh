#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Orthanc pulls a study from Dicomite over DICOMweb, as from any remote DICOMweb server.
#
# Starts Dicomite (java -jar dist/dicomite.jar --port 0) over an empty folder and Orthanc with
# its DICOMweb plugin, whose configuration names Dicomite as the remote server "dicomite"
# ("DicomWeb": {"Servers": {"dicomite": {"Url": "http://127.0.0.1:PORT/v2/", ...}}}); stores a
# study of 4 instances in 3 series into Dicomite with STOW-RS (3 copies of the CT fixture in
# Explicit VR Little Endian and one JPEG Lossless instance, given new UIDs with dcmodify); then,
# through Orthanc's REST API only:
#   POST /dicom-web/servers/dicomite/qido      {"Uri": "/studies"}            (QIDO-RS)
#   POST /dicom-web/servers/dicomite/retrieve  {"Resources": [{"Study": UID}]} (WADO-RS)
# and checks that Orthanc then holds the 4 instances (GET /instances), each byte for byte the
# file stored into Dicomite (GET /instances/{id}/file). Exits 0 when the pull worked, 1 when a
# step failed (the step, the status and the answer are printed), 2 for a usage or set-up error.
#
# Orthanc logs its outgoing HTTP requests ("HttpVerbose": true), so the Accept header of its
# WADO-RS request is printed with the result: Dicomite, like the Azure DICOM service, answers a
# study retrieve whose Accept lacks "transfer-syntax=*" with 406 (spec §3.3).
#
# Usage: bench/orthanc-pull.sh [--universal-transfer-syntax true|false|unset]
#   --universal-transfer-syntax  the server entry's "HasWadoRsUniversalTransferSyntax" (the
#                                DICOMweb plugin asks for transfer-syntax=* when true); unset
#                                leaves the plugin's default (true since plugin 1.1); default
#                                unset
# Needs: dist/dicomite.jar (built by make when missing), Orthanc with its DICOMweb plugin
# (Debian packages orthanc, orthanc-dicomweb), dcmtk's dcmodify, curl and jq.
# Scratch folder: bench/work/pull/ (emptied at start; logs kept there after the run).
set -euo pipefail
cd "$(dirname "$0")/.."

universal=unset
while [ $# -gt 0 ]; do
    case "$1" in
        --universal-transfer-syntax) universal="${2:-}"; shift ;;
        -h|--help) sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "Error: unknown argument ($1)" >&2; exit 2 ;;
    esac
    shift
done
case "$universal" in true|false|unset) ;; *)
    echo "Error: --universal-transfer-syntax takes true, false or unset ($universal)" >&2
    exit 2 ;;
esac

work=bench/work/pull
plugin=$(dpkg -L orthanc-dicomweb 2>/dev/null | grep -m1 '/libOrthancDicomWeb\.so$' || true)
orthanc=$(command -v Orthanc || { [ -x /usr/sbin/Orthanc ] && echo /usr/sbin/Orthanc; } || true)
for tool in curl jq dcmodify java; do
    command -v "$tool" > /dev/null || { echo "Error: $tool is not installed" >&2; exit 2; }
done
if [ -z "$orthanc" ] || [ -z "$plugin" ]; then
    echo "Error: Orthanc and its DICOMweb plugin are not installed (Debian packages orthanc," \
        "orthanc-dicomweb)" >&2
    exit 2
fi
[ -f dist/dicomite.jar ] || make -s dist/dicomite.jar

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2> /dev/null || true
    done
}
trap cleanup EXIT

fail() {
    echo "FAILED: $*"
    exit 1
}

# A port nobody listens on (a connection to it is refused).
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            echo "$port"
            return
        fi
    done
    echo "Error: no free port found" >&2
    exit 2
}

rm -rf "$work"
mkdir -p "$work/files" "$work/orthanc"

# The study: new UIDs (2.25.<decimal of a random UUID>, PS3.5 §B.2) on copies of fixtures.
uid() {
    echo "2.25.$(printf '%d' "0x$(head -c 7 /dev/urandom | od -An -tx1 | tr -d ' \n')")$RANDOM"
}
study=$(uid)
series=("$(uid)" "$(uid)" "$(uid)")
sources=(explicit-vr-le explicit-vr-le explicit-vr-le jpeg-lossless-sv1)
in_series=(0 0 1 2)
for i in 0 1 2 3; do
    file="$work/files/$i.dcm"
    cp "fixtures/valid/${sources[$i]}.dcm" "$file"
    dcmodify -q -nb -gin -m "(0010,0010)=Pull^Test" -m "(0010,0020)=PULL0001" \
        -m "(0020,000d)=$study" -m "(0020,000e)=${series[${in_series[$i]}]}" \
        -m "(0020,0011)=$((in_series[i] + 1))" -m "(0020,0013)=$((i + 1))" \
        -m "(0008,0018)=$(uid)" "$file"
done

# Dicomite, its URL read from the line it prints.
java -jar dist/dicomite.jar --port 0 --data "$work/dicomite" > "$work/dicomite.log" 2>&1 &
pids+=($!)
dicomite=
for _ in $(seq 300); do
    dicomite=$(grep -o 'listening on http://[^ ]*' "$work/dicomite.log" | cut -d' ' -f3 || true)
    [ -n "$dicomite" ] && break
    sleep 0.1
done
[ -n "$dicomite" ] || { echo "Error: Dicomite did not start: $(tail -3 "$work/dicomite.log")" >&2
    exit 2; }
dicomite=${dicomite%/}

# Orthanc, with Dicomite as its remote DICOMweb server "dicomite".
port=$(free_port)
entry=$(jq -n --arg url "$dicomite/v2/" --arg universal "$universal" \
    '{Url: $url, HasDelete: false}
     + (if $universal == "unset" then {} else {HasWadoRsUniversalTransferSyntax:
        ($universal == "true")} end)')
jq -n --arg dir "$(pwd)/$work/orthanc" --argjson port "$port" --arg plugin "$plugin" \
    --argjson entry "$entry" \
    '{Name: "DicomitePull", StorageDirectory: $dir, IndexDirectory: $dir, HttpPort: $port,
      RemoteAccessAllowed: false, AuthenticationEnabled: false, DicomServerEnabled: false,
      HttpVerbose: true, Plugins: [$plugin],
      DicomWeb: {Enable: true, Root: "/dicom-web/", Servers: {dicomite: $entry}}}' \
    > "$work/orthanc.json"
"$orthanc" "$work/orthanc.json" > "$work/orthanc.log" 2>&1 &
pids+=($!)
orthanc_url=http://127.0.0.1:$port
for _ in $(seq 300); do
    curl -sf "$orthanc_url/system" > /dev/null 2>&1 && break
    sleep 0.1
done
curl -sf "$orthanc_url/system" > /dev/null || { echo "Error: Orthanc did not start:" \
    "$(tail -3 "$work/orthanc.log")" >&2; exit 2; }

echo "Dicomite: $dicomite ($(unzip -p dist/dicomite.jar META-INF/MANIFEST.MF 2>/dev/null \
    | grep -i implementation-version | tr -d '\r' | cut -d' ' -f2))"
echo "Orthanc: $orthanc_url ($(curl -s "$orthanc_url/system" | jq -r .Version)," \
    "DICOMweb plugin $(curl -s "$orthanc_url/plugins/dicom-web" | jq -r .Version))"
echo "server entry: $entry"
echo "study: $study (4 instances in 3 series)"

# 1. STOW-RS into Dicomite.
boundary=pull-$RANDOM$RANDOM
{
    for i in 0 1 2 3; do
        printf -- '--%s\r\nContent-Type: application/dicom\r\n\r\n' "$boundary"
        cat "$work/files/$i.dcm"
        printf '\r\n'
    done
    printf -- '--%s--\r\n' "$boundary"
} > "$work/stow-body"
status=$(curl -s -o "$work/stow.json" -w '%{http_code}' -X POST \
    -H "Content-Type: multipart/related; type=\"application/dicom\"; boundary=$boundary" \
    -H 'Accept: application/dicom+json' --data-binary "@$work/stow-body" \
    "$dicomite/v2/studies")
[ "$status" = 200 ] || fail "STOW-RS into Dicomite: status $status: $(head -c 400 "$work/stow.json")"
echo "1. STOW-RS into Dicomite: 200"

# 2. QIDO-RS from Orthanc.
status=$(curl -s -o "$work/qido.json" -w '%{http_code}' -X POST \
    -d '{"Uri": "/studies"}' "$orthanc_url/dicom-web/servers/dicomite/qido")
[ "$status" = 200 ] || fail "Orthanc QIDO-RS of Dicomite: status $status: $(head -c 400 "$work/qido.json")"
# Orthanc rewrites the DICOM JSON answer in its own form: "Value" is a string, with the tag's
# name, group and element beside it.
jq -e --arg s "$study" 'any(.[]; .["0020000D"].Value | (if type == "array" then .[0] else . end)
    == $s)' "$work/qido.json" > /dev/null \
    || fail "Orthanc QIDO-RS of Dicomite: the study is not in the answer: $(head -c 400 "$work/qido.json")"
echo "2. POST /dicom-web/servers/dicomite/qido {\"Uri\": \"/studies\"}: 200, the study found"

# 3. WADO-RS from Orthanc; its request and Dicomite's status line, from Orthanc's verbose log.
status=$(curl -s -o "$work/retrieve.json" -w '%{http_code}' -X POST \
    -d "{\"Resources\": [{\"Study\": \"$study\"}]}" \
    "$orthanc_url/dicom-web/servers/dicomite/retrieve")
exchange=$(tr -d '\r' < "$work/orthanc.log" | awk -v get="> GET /v2/studies/$study " \
    'index($0, get) == 1 {on = 1} on {print} on && /^< HTTP/ {exit}')
accept=$(grep -m1 '^Accept:' <<< "$exchange" || echo "Accept: (none)")
echo "   Orthanc sent: $(head -1 <<< "$exchange" | sed 's/^> //'), $accept"
echo "   Dicomite answered: $(grep -m1 '^< HTTP' <<< "$exchange" | sed 's/^< //')"
if [ "$status" != 200 ]; then
    replay=$(curl -s -H "$accept" "$dicomite/v2/studies/$study" | head -c 300)
    fail "Orthanc WADO-RS retrieve from Dicomite: Orthanc answered $status" \
        "($(jq -r .Message "$work/retrieve.json" 2>/dev/null || head -c 200 "$work/retrieve.json"));" \
        "the same request to Dicomite answers: $replay"
fi
echo "3. POST /dicom-web/servers/dicomite/retrieve: 200: $(jq -c . "$work/retrieve.json")"

# 4. What Orthanc holds now.
curl -s "$orthanc_url/instances" > "$work/instances.json"
count=$(jq length "$work/instances.json")
[ "$count" = 4 ] || fail "Orthanc holds $count instances, not 4"
identical=0
for id in $(jq -r '.[]' "$work/instances.json"); do
    pulled=$(curl -s "$orthanc_url/instances/$id/file" | sha256sum | cut -d' ' -f1)
    for i in 0 1 2 3; do
        if [ "$(sha256sum < "$work/files/$i.dcm" | cut -d' ' -f1)" = "$pulled" ]; then
            identical=$((identical + 1))
        fi
    done
done
[ "$identical" = 4 ] || fail "only $identical of the 4 pulled files are byte for byte the stored ones"
echo "4. GET /instances: 4 instances in Orthanc, each byte for byte the file stored in Dicomite"
echo "PASSED: Orthanc pulled the study from Dicomite (logs in $work/)"
