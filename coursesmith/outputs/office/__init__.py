"""The course office's papers: learning designs, lesson plans, attendance lists, certificates, evaluation forms."""
