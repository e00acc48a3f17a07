"""The book's document information and XMP metadata, as PDF/UA-1 asks for them.

The XMP packet is written the way WeasyPrint writes its own (one rdf:Description per
property, pdfuaid:part="1"), with the book's language added. The only dates are those
the parts carry (the course's edition date, which WeasyPrint takes from the HTML's
dcterms.created and dcterms.modified), so the same parts give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pikepdf

CREATOR = "coursesmith"
# D:YYYY[MM[DD[HH[mm[SS]]]]][Z|+HH'mm'] (ISO 32000-1 7.9.4), each field only after the one before it
PDF_DATE = re.compile(r"D:(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(\d{2})?)?)?)?)?"
                      r"(Z|[+-]\d{2}(?:'\d{2})?'?)?")


@dataclass(frozen=True)
class Dates:
    """A document's /CreationDate and /ModDate, as PDF date strings ("D:20270331")."""

    created: str | None = None
    modified: str | None = None


def dates_of(pdf: pikepdf.Pdf) -> Dates:
    """The dates in `pdf`'s /Info that can be read as dates (others are left out)."""
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        return Dates()
    found = {field: str(info.get(key, "")) for key, field in (("/CreationDate", "created"), ("/ModDate", "modified"))}
    return Dates(**{field: value for field, value in found.items() if xmp_date(value)})


def xmp_date(value: str) -> str | None:
    """A PDF date ("D:20270331", "D:20270331093000+07'00'") as XMP writes it
    ("2027-03-31", "2027-03-31T09:30:00+07:00"); None if it is not one."""
    match = PDF_DATE.fullmatch(value)
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    text = "-".join(part for part in (year, month, day) if part)
    if hour:
        text += f"T{hour}:{minute or '00'}:{second or '00'}"
        if zone:
            digits = zone.replace("'", "")
            text += "Z" if zone == "Z" else f"{digits[:3]}:{digits[3:5] or '00'}"
    return text


def describe(pdf: pikepdf.Pdf, *, title: str, lang: str, author: str, subject: str,
             dates: Dates = Dates()) -> None:
    """Set /Info, /Metadata, /Lang, /MarkInfo and /ViewerPreferences of `pdf`."""
    info = pikepdf.Dictionary(Title=pikepdf.String(title), Creator=pikepdf.String(CREATOR))
    if author:
        info.Author = pikepdf.String(author)
    if subject:
        info.Subject = pikepdf.String(subject)
    if dates.created:
        info.CreationDate = pikepdf.String(dates.created)
    if dates.modified:
        info.ModDate = pikepdf.String(dates.modified)
    pdf.trailer.Info = pdf.make_indirect(info)
    stream = pikepdf.Stream(pdf, xmp(title=title, lang=lang, author=author, subject=subject, dates=dates))
    stream.Type, stream.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)
    pdf.Root.Lang = pikepdf.String(lang)
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)


def xmp(*, title: str, lang: str, author: str, subject: str, dates: Dates = Dates()) -> bytes:
    descriptions = [
        '<rdf:Description rdf:about="" pdfuaid:part="1" />',
        f'<rdf:Description rdf:about="" xmp:CreatorTool={quoteattr(CREATOR)} />',
        _alt("title", title),
        f'<rdf:Description rdf:about=""><dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li>'
        '</rdf:Bag></dc:language></rdf:Description>',
    ]
    if author:
        descriptions.append(f'<rdf:Description rdf:about=""><dc:creator><rdf:Seq><rdf:li>{escape(author)}'
                            '</rdf:li></rdf:Seq></dc:creator></rdf:Description>')
    if subject:
        descriptions.append(_alt("description", subject))
    for name, value in (("CreateDate", dates.created), ("ModifyDate", dates.modified)):
        if value:
            descriptions.append(f'<rdf:Description rdf:about=""><xmp:{name}>{xmp_date(value)}</xmp:{name}>'
                                '</rdf:Description>')
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        + "".join(descriptions) +
        '</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="r"?>'
    ).encode("utf-8")


def _alt(name: str, text: str) -> str:
    return (f'<rdf:Description rdf:about=""><dc:{name}><rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}'
            f'</rdf:li></rdf:Alt></dc:{name}></rdf:Description>')
