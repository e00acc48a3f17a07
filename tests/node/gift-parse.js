// Parse a GIFT file with gift-pegjs and print its questions as JSON (used by tests/test_questions.py).
const fs = require("fs");
const { parse } = require("gift-pegjs");
const questions = parse(fs.readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(questions));
