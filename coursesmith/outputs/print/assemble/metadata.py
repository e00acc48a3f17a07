"""The book's document information and XMP metadata, as PDF/UA-1 asks for them.

The XMP packet is written the way WeasyPrint writes its own (one rdf:Description per
property, pdfuaid:part="1"), with the book's language added; nothing dated, so the same
parts give the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pikepdf

CREATOR = "coursesmith"


def describe(pdf: pikepdf.Pdf, *, title: str, lang: str, author: str, subject: str) -> None:
    """Set /Info, /Metadata, /Lang, /MarkInfo and /ViewerPreferences of `pdf`."""
    info = pikepdf.Dictionary(Title=pikepdf.String(title), Creator=pikepdf.String(CREATOR))
    if author:
        info.Author = pikepdf.String(author)
    if subject:
        info.Subject = pikepdf.String(subject)
    pdf.trailer.Info = pdf.make_indirect(info)
    stream = pikepdf.Stream(pdf, xmp(title=title, lang=lang, author=author, subject=subject))
    stream.Type, stream.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)
    pdf.Root.Lang = pikepdf.String(lang)
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)


def xmp(*, title: str, lang: str, author: str, subject: str) -> bytes:
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
