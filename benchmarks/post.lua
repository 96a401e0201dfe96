-- wrk script: POSTs the JSON body of $BODY, each request's "{n}" replaced by a value no other request of the
-- sitting uses ($PREFIX, six random hex digits; the thread's number; a counter: short enough for a username), so
-- that resources with unique names, emails or usernames are created, not refused as conflicts.
local body = os.getenv("BODY") or error("BODY is not set")
local prefix = os.getenv("PREFIX") or "0"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

local counter = 0
local headers = {}
function init()
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local n = prefix .. "-" .. tostring(number) .. "-" .. tostring(counter)
  return wrk.format("POST", nil, headers, (body:gsub("{n}", n)))
end
