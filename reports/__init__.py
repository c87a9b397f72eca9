"""The executive brief: `brief.brief_content` gathers the same figures and numbers the pages show, and the PDF
(`pdf.py`, fpdf2) and PowerPoint (`pptx.py`, python-pptx) writers lay them out on a fixed grid.

May import: data_access, charts, vl-convert, fpdf2, python-pptx; never Streamlit or ui.
"""
