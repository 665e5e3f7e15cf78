-- wrk script for /getData cache misses: every request a read no other request makes.
-- api_bench.py prepends window_from, window_to (RFC 3339, the seeded rows' window), users and offset.
-- The window's end moves by one second per request (a thread's requests step by the thread count),
-- and event_type and user_id vary over the seeded values, so the read cache never has the answer.
local threads = 0
local types = { "click", "view", "purchase", "signup" }

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  step = 16
  year, month, day, hour, minute, second = window_to:match("(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)Z")
  base = os.time({ year = year, month = month, day = day, hour = hour, min = minute, sec = second })
end

function request()
  local index = (offset or 0) + counter * step + thread_index
  counter = counter + 1
  -- os.date("!...") formats in UTC; the base was read as local time, so use the same zone both ways.
  local to = os.date("%Y-%m-%dT%H:%M:%SZ", base + 3600 + index)
  local path = "/getData?limit=10&from=" .. window_from .. "&to=" .. to .. "&event_type=" .. types[index % 4 + 1]
  if index % 3 == 0 then
    path = path .. "&user_id=u-" .. ((index * 7) % users)
  end
  return wrk.format("GET", path)
end
