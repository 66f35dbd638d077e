# SPDX-License-Identifier: GPL-3.0-or-later
# man-ja.sed: lets groff break Japanese lines, which it cannot on its own (it breaks only at
# spaces): a break point \: between two wide characters, except before closing punctuation,
# 、。, small kana and ー and after an opening bracket (kinsoku), and \c joining a line that
# ends in a wide character to a next one that starts with one, so no space comes between.
# Run with LC_ALL=C: it works on the bytes of UTF-8 (a wide character is three of them).
$!N
s/\([\xe3-\xe9\xef][\x80-\xbf][\x80-\xbf]\)\([\xe3-\xe9\xef][\x80-\xbf][\x80-\xbf]\)/\1\\:\2/g
s/\([\xe3-\xe9\xef][\x80-\xbf][\x80-\xbf]\)\([\xe3-\xe9\xef][\x80-\xbf][\x80-\xbf]\)/\1\\:\2/g
s/\\:\(、\|。\|，\|．\|」\|』\|）\|】\|〕\|〉\|》\|ー\|・\|：\|；\|！\|？\|…\|‥\|々\|ぁ\|ぃ\|ぅ\|ぇ\|ぉ\|っ\|ゃ\|ゅ\|ょ\|ァ\|ィ\|ゥ\|ェ\|ォ\|ッ\|ャ\|ュ\|ョ\)/\1/g
s/\(「\|『\|（\|【\|〔\|〈\|《\)\\:/\1/g
/^[^.][^\n]*[\xe3-\xe9\xef][\x80-\xbf][\x80-\xbf]\n[\xe3-\xe9\xef][\x80-\xbf][\x80-\xbf]/s/\n/\\c\n/
P
D
