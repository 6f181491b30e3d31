const library = document.querySelector('#library');
library.textContent = 'Loading…';
fetch('/api/tools')
  .then((r) => r.json())
  .then((tools) => {
    library.innerHTML = `<h1>Sofathek</h1><p>${tools.ffmpeg}</p><p>yt-dlp ${tools.ytdlp}</p>`;
  });
