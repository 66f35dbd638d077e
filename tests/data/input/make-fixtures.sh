#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make-fixtures.sh: regenerate the input-layer fixtures from the sample record.
# The sample's • (U+2022) is in none of the Japanese legacy sets, so the encoded fixtures
# come from sample-jis.txt, the sample with • as ・ (U+30FB); run from this directory.
set -e
sample=../../../content/000_f63a307d17307818.txt
sed 's/•/・/g' "$sample" >sample-jis.txt
iconv -f UTF-8 -t CP932 sample-jis.txt >sample-jis.cp932
iconv -f UTF-8 -t EUC-JP sample-jis.txt >sample-jis.eucjp
iconv -f UTF-8 -t ISO-2022-JP sample-jis.txt >sample-jis.iso2022jp
{ printf '\357\273\277'; cat "$sample"; } >sample.bom
perl -pe 's/\n/\r\n/' "$sample" >sample.crlf
{ printf '\357\273\277'; cat sample.crlf; } >sample.bom-crlf
tr '\n' '\r' <"$sample" >sample.cr
# CP932 only: NEC and IBM extensions and the Windows mappings of ～ ∥ － ￢.
printf '①②③ ㈱ Ⅲ ⅲ 髙 﨑 ～ ∥ － ￢ ＼\n丸数字①と㈱を含む文書です。\n' >cp932-ext.txt
iconv -f UTF-8 -t CP932 cp932-ext.txt >cp932-ext.cp932
