-- casebuilder: the brief's HTML as a word-processor document (used by render/office.py).
-- A <span class="fn"> becomes a real footnote; what only the printed page needs (running header,
-- printed contents list, drawn charts) is dropped: Word and LibreOffice generate the contents as a
-- field from the headings, which Pandoc writes as Heading 1-3 styles.
local skip = {running = true, toc = true, chart = true, ["office-skip"] = true}

local function skipped(el)
  for _, c in ipairs(el.classes) do
    if skip[c] then return true end
  end
  return false
end

function Span(el)
  if el.classes:includes("fn") then
    return pandoc.Note({pandoc.Plain(el.content)})
  end
  if skipped(el) then return {} end
end

function Div(el)
  if skipped(el) then return {} end
end

function Figure(el)
  if skipped(el) then return {} end
end
