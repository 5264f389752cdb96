/**
 * The offline page's script and style, written beside index.html. Plain script (no modules, no
 * fetch) because browsers open it from the disk, where both are blocked. Text is only ever set with
 * textContent or copied from the page's own escaped markup. Each clip plays its range only and then the next item starts; the lesson's notes
 * become caption cues parsed from its WebVTT.
 */
export const playerScript = String.raw`(function () {
  'use strict';
  var data = window.PRACTICE_CIRCLE;
  if (!data) return;
  var labels = data.labels;
  var screen = document.querySelector('.screen');
  var nowPlaying = document.querySelector('.now-playing');
  var curator = document.querySelector('.curator');
  var curatorText = document.querySelector('.curator-text');
  var entries = Array.prototype.slice.call(document.querySelectorAll('.item'));
  var current = -1;
  var sequence = false;
  var video = null;

  function seconds(stamp) {
    var parts = stamp.split(':').map(Number);
    return parts.reduce(function (sum, part) { return sum * 60 + part; }, 0);
  }

  function parseVtt(text) {
    var cues = [];
    text.replace(/\r\n?/g, '\n').split(/\n{2,}/).forEach(function (block) {
      var lines = block.split('\n');
      for (var i = 0; i < lines.length; i++) {
        var match = /^(\S+)\s+-->\s+(\S+)/.exec(lines[i]);
        if (match) {
          cues.push({ start: seconds(match[1]), end: seconds(match[2]), text: lines.slice(i + 1).join('\n').trim() });
          return;
        }
      }
    });
    return cues;
  }

  // "Now playing: <title>", the title (with its own isolated parts) inside <bdi>, so an Arabic title
  // with digits and fractions keeps its order in an English sentence, and the reverse.
  function showNowPlaying(link) {
    var parts = labels.nowPlaying.split('{title}');
    var title = document.createElement('bdi');
    var copy = link.cloneNode(true);
    while (copy.firstChild) title.appendChild(copy.firstChild);
    nowPlaying.replaceChildren();
    parts.forEach(function (part, i) {
      if (i > 0) nowPlaying.appendChild(title);
      if (part) nowPlaying.appendChild(document.createTextNode(part));
    });
  }

  function finished() {
    if (sequence && current < data.items.length - 1) select(current + 1, true);
    else sequence = false;
  }

  function select(index, play) {
    var item = data.items[index];
    if (!item) return;
    current = index;
    if (video) video.pause();
    video = document.createElement('video');
    video.controls = true;
    video.preload = 'auto';
    video.setAttribute('playsinline', '');
    video.setAttribute('aria-label', item.title || item.lessonTitle);
    if (item.poster) video.poster = item.poster;
    var ended = false;
    var end = function () {
      if (ended) return;
      ended = true;
      finished();
    };
    video.addEventListener('loadedmetadata', function () {
      var track = video.addTextTrack('captions', labels.captionsLabel, data.language || '');
      parseVtt(item.vtt).forEach(function (cue) { track.addCue(new VTTCue(cue.start, cue.end, cue.text)); });
      track.mode = 'showing';
      if (item.start > 0) video.currentTime = item.start;
      if (play) video.play().catch(function () {});
    }, { once: true });
    // timeupdate comes about four times a second (less often on a busy machine); in the last second a
    // timer stops the clip on its moment.
    var stopper = null;
    var checkEnd = function () {
      stopper = null;
      if (item.end === null || video.paused) return;
      var left = item.end - video.currentTime;
      if (left <= 0.02) {
        video.pause();
        end();
      } else if (left < 1) {
        stopper = setTimeout(checkEnd, (left / video.playbackRate) * 1000);
      }
    };
    video.addEventListener('timeupdate', function () {
      if (!stopper) checkEnd();
    });
    video.addEventListener('ended', end);
    video.src = item.video;
    screen.replaceChildren(video);
    showNowPlaying(entries[index].querySelector('.item-link'));
    curator.hidden = !item.note;
    curatorText.textContent = item.note;
    entries.forEach(function (entry, i) {
      if (i === index) entry.setAttribute('aria-current', 'true');
      else entry.removeAttribute('aria-current');
    });
  }

  entries.forEach(function (entry, i) {
    entry.querySelector('.item-link').addEventListener('click', function (event) {
      event.preventDefault();
      sequence = false;
      select(i, true);
    });
  });
  document.querySelector('.play-all').addEventListener('click', function () {
    sequence = true;
    select(0, true);
  });
  document.querySelector('.next').addEventListener('click', function () { select(Math.min(current + 1, data.items.length - 1), true); });
  document.querySelector('.previous').addEventListener('click', function () { select(Math.max(current - 1, 0), true); });
  if (data.items.length) select(0, false);
})();
`;

/** Logical properties throughout, so a right-to-left collection lays out as it reads. */
export const pageStyle = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding-block: 1.5rem; padding-inline: clamp(1rem, 4vw, 3rem); max-inline-size: 72rem; margin-inline: auto; }
h1 { margin-block: 0 0.5rem; }
.licence { opacity: 0.75; font-size: 0.9rem; }
.credit { margin-block: 0.25rem 0; font-size: 0.85rem; opacity: 0.85; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1.5rem; align-items: start; }
@media (max-width: 50rem) { main { grid-template-columns: 1fr; } }
.screen video { inline-size: 100%; aspect-ratio: 16 / 9; background: #000; border-radius: 0.5rem; }
.now-playing { font-weight: 600; margin-block: 0.5rem; }
.curator { border-inline-start: 0.25rem solid #c47a00; padding-inline-start: 0.75rem; margin-block: 0.75rem; }
.curator h2 { font-size: 1rem; margin: 0; }
.curator-text { margin-block: 0.25rem 0; white-space: pre-wrap; }
.controls { display: flex; gap: 0.5rem; flex-wrap: wrap; }
button { font: inherit; padding-block: 0.4rem; padding-inline: 0.9rem; border-radius: 0.4rem; border: 1px solid currentColor; background: transparent; color: inherit; cursor: pointer; }
.play-all { background: #1d5fa8; border-color: #1d5fa8; color: #fff; }
.items { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
.item { display: flex; gap: 0.75rem; padding: 0.5rem; border-radius: 0.5rem; border: 1px solid rgba(127, 127, 127, 0.35); }
.item[aria-current='true'] { outline: 2px solid #1d5fa8; }
.poster { inline-size: 8rem; block-size: auto; aspect-ratio: 16 / 9; object-fit: cover; border-radius: 0.3rem; }
.item h3 { font-size: 1rem; margin: 0; }
.item .note { margin-block: 0.25rem 0; font-size: 0.9rem; white-space: pre-wrap; }
a { color: inherit; }
`;
