"""The PDFs as an output: participant handouts, worksheets and the course reader in the
site, facilitator handouts and the guide beside it. Its workers warm up while the
course is checked; its documents render while the other outputs work."""
from __future__ import annotations

import time

from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.print.books import BookBatch
from coursesmith.outputs.print.cache import environment_key
from coursesmith.outputs.print.pool import Printer
from coursesmith.pruning import prune
from coursesmith.render.environment import find_template_file, template_search_path
from coursesmith.stages import BuildOptions


class PrintOutput(Output):
    name = "print"
    audiences = ("participant", "facilitator")

    printer: Printer | None = None
    batch: BookBatch | None = None

    def warm_up(self, options: BuildOptions) -> None:
        """Start the worker processes (`options.jobs`) before the course is checked."""
        search_path = template_search_path(options.project)
        root = options.project.resolve()
        stylesheet = find_template_file(search_path, "css/print.css")
        self.printer = Printer(stylesheet, root, [root, *search_path], options.jobs,
                               environment_key(stylesheet, search_path))
        self.printer.start()

    def start(self, context: BuildContext) -> None:
        """Render each PDF's HTML and hand it to the workers (`options.shard`: only a share)."""
        self.started, self.cache, self.limits = time.time(), context.cache, context.options.cache_limits
        self.batch = BookBatch(context, self.printer)
        self.batch.start()

    def finish(self) -> list[Made]:
        made = self.batch.finish()
        if self.cache is not None:  # what this build used is marked; what nobody used lately goes
            prune(self.cache, started=self.started - 1, limits=self.limits)  # a second's margin for coarse file times
        return made

    def close(self) -> None:
        if self.batch is not None:
            self.batch.stop_binders()  # before the workers: nothing may write into the stage
        if self.printer is not None:
            self.printer.close()  # no worker may write into a staging folder being removed
        if self.batch is not None:
            self.batch.close()
