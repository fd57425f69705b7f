"""Where everything goes: pages, text lines, images and rules, decided before anything is drawn."""

from .document import plan_document
from .pages import DocumentPlan, Fill, ImagePlacement, OutlineEntry, Page, Rule, TextLine

__all__ = ["DocumentPlan", "Fill", "ImagePlacement", "OutlineEntry", "Page", "Rule", "TextLine",
           "plan_document"]
