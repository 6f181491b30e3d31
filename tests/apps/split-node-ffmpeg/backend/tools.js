const { execFile } = require('child_process');

// The media work is done by ffmpeg and yt-dlp, installed in the image; the app shells out to them.
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 10000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd}: ${stderr || err.message}`));
      else resolve(stdout.trim());
    });
  });
}

async function versions() {
  const [ffmpeg, ytdlp] = await Promise.all([run('ffmpeg', ['-version']), run('yt-dlp', ['--version'])]);
  return { ffmpeg: ffmpeg.split('\n')[0], ytdlp };
}

module.exports = { run, versions };
