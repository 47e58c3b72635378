<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk.hub.office</name>
<message><source>Password for {name}: </source><translation>{name} 的密码：</translation></message>
<message><source>The same password again: </source><translation>再输入一次密码：</translation></message>
<message><source>The two passwords differ.</source><translation>两次输入的密码不一致。</translation></message>
<message><source>Office user {name} added ({role}).</source><translation>已添加办公室用户 {name}（{role}）。</translation></message>
<message><source>The form has expired or did not come from this page.</source><translation>表单已过期，或不是从本页面提交的。</translation></message>
<message><source>Visits per hour, all stations</source><translation>各卡点每小时登记人次</translation></message>
<message><source>No such station.</source><translation>没有这个卡点。</translation></message>
<message><source>Only a manager may do this.</source><translation>只有管理员可以这样做。</translation></message>
<message><source>The text is too long to publish.</source><translation>内容太长，无法发布。</translation></message>
<message><source>Give the {kind} data as JSON.</source><translation>请以 JSON 格式提供 {kind} 数据。</translation></message>
<message><source>Nothing to publish: the text is empty.</source><translation>没有可发布的内容：文本为空。</translation></message>
<message><source>Too many failed logins: try again in {minutes} minutes.</source><translation>登录失败次数过多：请 {minutes} 分钟后再试。</translation></message>
<message><source>Wrong user name or password.</source><translation>用户名或密码错误。</translation></message>
<message><source>An office user needs a name of 1 to 64 letters.</source><translation>办公室用户名须为 1 至 64 个字符。</translation></message>
<message><source>The role is viewer or manager, not {role}.</source><translation>角色只能是 viewer 或 manager，而不是 {role}。</translation></message>
<message><source>The password needs at least {minimum} characters.</source><translation>密码至少需要 {minimum} 个字符。</translation></message>
<message><source>An office user named {name} exists already.</source><translation>名为 {name} 的办公室用户已存在。</translation></message>
<message><source>never</source><translation>从未</translation></message>
<message><source>just now</source><translation>刚刚</translation></message>
<message><source>{minutes} min ago</source><translation>{minutes} 分钟前</translation></message>
<message><source>{hours} h ago</source><translation>{hours} 小时前</translation></message>
<message><source>At the desk, a supervisor scans this code or runs: checkpoint-desk sync --hub URL --enrol CODE</source><translation>在登记台，由站长扫描此码，或运行：checkpoint-desk sync --hub URL --enrol CODE</translation></message>
<message><source>Back to today</source><translation>返回今日</translation></message>
<message><source>Checkpoint office</source><translation>卡点办公室</translation></message>
<message><source>Clock skew</source><translation>时钟偏差</translation></message>
<message><source>Enrolment code for {name} (shown only now)</source><translation>{name} 的接入码（仅显示这一次）</translation></message>
<message><source>Entries</source><translation>条目</translation></message>
<message><source>Hide full numbers</source><translation>隐藏完整号码</translation></message>
<message><source>Key fingerprint</source><translation>密钥指纹</translation></message>
<message><source>Kind</source><translation>类型</translation></message>
<message><source>Last sync</source><translation>最近同步</translation></message>
<message><source>Ledgers</source><translation>台账</translation></message>
<message><source>Log in</source><translation>登录</translation></message>
<message><source>Log out</source><translation>退出登录</translation></message>
<message><source>No station is registered yet.</source><translation>还没有登记任何卡点。</translation></message>
<message><source>No stop is waiting for a disposition.</source><translation>没有待处置的拦截。</translation></message>
<message><source>Nothing changes.</source><translation>没有任何变化。</translation></message>
<message><source>One entry a line adds to the list the desks have (ID numbers for the deny list, pass ids for revocations, area codes for risk areas); JSON replaces the whole kind.</source><translation>每行一条，追加到登记台已有的名单中（禁止名单填证件号，吊销名单填通行证编号，风险地区填地区代码）；JSON 则替换该类型的全部数据。</translation></message>
<message><source>Password</source><translation>密码</translation></message>
<message><source>Per station</source><translation>按卡点</translation></message>
<message><source>Preview</source><translation>预览</translation></message>
<message><source>Publish</source><translation>发布</translation></message>
<message><source>Reference data</source><translation>参考数据</translation></message>
<message><source>Register a station</source><translation>登记卡点</translation></message>
<message><source>Register</source><translation>登记</translation></message>
<message><source>Registered</source><translation>登记时间</translation></message>
<message><source>Rotate token</source><translation>更换令牌</translation></message>
<message><source>Show full numbers (audited)</source><translation>显示完整号码（留痕）</translation></message>
<message><source>Show</source><translation>显示</translation></message>
<message><source>Stations</source><translation>卡点</translation></message>
<message><source>Stops awaiting a disposition</source><translation>待处置的拦截</translation></message>
<message><source>Stops awaiting</source><translation>待处置</translation></message>
<message><source>Temperature</source><translation>体温</translation></message>
<message><source>The hub's fingerprint</source><translation>汇总端指纹</translation></message>
<message><source>Today</source><translation>今日</translation></message>
<message><source>User name</source><translation>用户名</translation></message>
<message><source>What changes</source><translation>将要变化的内容</translation></message>
<message><source>closed</source><translation>已交班</translation></message>
<message><source>full numbers (audited)</source><translation>完整号码（留痕）</translation></message>
<message><source>manager</source><translation>管理员</translation></message>
<message><source>not yet synced</source><translation>尚未同步</translation></message>
<message><source>open</source><translation>值班中</translation></message>
<message><source>unheard for 30 min</source><translation>超过 30 分钟未联系</translation></message>
<message><source>viewer</source><translation>查看者</translation></message>
<message><source>{added} ID numbers added, {removed} removed.</source><translation>新增 {added} 个证件号，移除 {removed} 个。</translation></message>
<message><source>Inside now</source><translation>在内人员</translation></message>
<message><source>people whose last registration is in</source><translation>最近一次登记为“进”的人数</translation></message>
<message><source>Since</source><translation>进入时间</translation></message>
<message><source>Inside for</source><translation>已在内</translation></message>
<message><source>Nobody is inside.</source><translation>目前无人在内。</translation></message>
<message><source>{minutes} min</source><translation>{minutes} 分钟</translation></message>
<message><source>{hours} h {minutes} min</source><translation>{hours} 小时 {minutes} 分钟</translation></message>
<message><source>By station</source><translation>按卡点</translation></message>
<message><source>Who came in at {name}</source><translation>从{name}进入的人员</translation></message>
<message><source>People {first}–{last} of {count}, longest inside first.</source><translation>第 {first}–{last} 人，共 {count} 人，在内时间最长的在前。</translation></message>
<message><source>Previous page</source><translation>上一页</translation></message>
<message><source>Next page</source><translation>下一页</translation></message>
</context>
</TS>
