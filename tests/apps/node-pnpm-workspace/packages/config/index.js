// Shared settings for every service of the workspace.
module.exports = {
  port: Number(process.env.PORT || 3000),
  tokenSecret: process.env.TOKEN_SECRET || 'dev-only-secret',
};
