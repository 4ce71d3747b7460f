<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Open a jhviewer database file</source>
        <translation>打开一个 jhviewer 数据库文件</translation>
    </message>
    <message>
        <source>Open the &amp;Built-in Briefing</source>
        <translation>打开内置简报(&amp;B)</translation>
    </message>
    <message>
        <source>Open the briefing shipped with jhviewer</source>
        <translation>打开 jhviewer 自带的简报</translation>
    </message>
    <message>
        <source>&amp;Clear Recent Files</source>
        <translation>清除最近文件(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the recently opened databases</source>
        <translation>清除最近打开的数据库列表</translation>
    </message>
    <message>
        <source>See the printed briefing before printing it</source>
        <translation>打印前预览简报的版面</translation>
    </message>
    <message>
        <source>Print the briefing</source>
        <translation>打印简报</translation>
    </message>
    <message>
        <source>Save the briefing as a PDF file</source>
        <translation>将简报保存为 PDF 文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close jhviewer</source>
        <translation>关闭 jhviewer</translation>
    </message>
    <message>
        <source>&amp;Open Database...</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Print Pre&amp;view...</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export PDF...</source>
        <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Search the district facts</source>
        <translation>搜索区情数据</translation>
    </message>
    <message>
        <source>&amp;Copy Fact with Source</source>
        <translation>复制数据及出处(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected fact with its source text and location</source>
        <translation>复制所选数据及其原文和出处位置</translation>
    </message>
    <message>
        <source>Clear Search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Clear the search box</source>
        <translation>清空搜索框</translation>
    </message>
    <message>
        <source>Switch &amp;Language</source>
        <translation>切换语言(&amp;L)</translation>
    </message>
    <message>
        <source>Switch between Chinese and English</source>
        <translation>在中文和英文之间切换</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen with larger type, for a projector</source>
        <translation>全屏并放大字号，适合投影</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>Show the overview</source>
        <translation>显示概览</translation>
    </message>
    <message>
        <source>&amp;District Facts</source>
        <translation>区情(&amp;D)</translation>
    </message>
    <message>
        <source>Show the district facts</source>
        <translation>显示区情数据</translation>
    </message>
    <message>
        <source>&amp;Targets</source>
        <translation>目标(&amp;N)</translation>
    </message>
    <message>
        <source>Show the briefing&apos;s targets</source>
        <translation>查看简报的目标</translation>
    </message>
    <message>
        <source>C&amp;harts</source>
        <translation>图表(&amp;H)</translation>
    </message>
    <message>
        <source>Show the charts</source>
        <translation>显示图表</translation>
    </message>
    <message>
        <source>&amp;About jhviewer</source>
        <translation>关于 jhviewer(&amp;A)</translation>
    </message>
    <message>
        <source>Version, data source and font licence</source>
        <translation>版本、数据来源和字体许可</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>CHARTS</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>No briefing is open.</source>
        <translation>尚未打开简报。</translation>
    </message>
    <message>
        <source>Export PNG...</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG...</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>This briefing declares no charts.</source>
        <translation>此简报没有声明图表。</translation>
    </message>
    <message>
        <source>This chart has no data to export.</source>
        <translation>这张图表没有可导出的数据。</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot Open Database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>the built-in briefing</source>
        <translation>内置简报</translation>
    </message>
    <message>
        <source>jhviewer cannot open {name}.</source>
        <translation>jhviewer 无法打开 {name}。</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Open Another File...</source>
        <translation>打开其他文件…</translation>
    </message>
    <message>
        <source>Open the Built-in Briefing</source>
        <translation>打开内置简报</translation>
    </message>
    <message>
        <source>{name} was built by an older version of jhviewer (format {old}; this version reads format {new}). Rebuild it from its briefing files with “jhviewer build-db --out {name}”, or open the built-in briefing.</source>
        <translation>{name} 是由旧版 jhviewer 生成的（格式 {old}；本版本读取格式 {new}）。请用“jhviewer build-db --out {name}”从简报源文件重新生成，或打开内置简报。</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等，另有 {count} 行</translation>
    </message>
    <message>
        <source>Rows skipped: {count} could not be read and are not shown ({ids}).</source>
        <translation>已跳过 {count} 行无法读取的数据，未予显示（{ids}）。</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Could not read the database: {reason}</source>
        <translation>无法读取数据库：{reason}</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>Facts</name>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Source text</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Chinese description</source>
        <translation>中文说明</translation>
    </message>
    <message>
        <source>English description</source>
        <translation>英文说明</translation>
    </message>
    <message>
        <source>Fact details</source>
        <translation>数据详情</translation>
    </message>
    <message>
        <source>Copy with Source</source>
        <translation>连同出处复制</translation>
    </message>
    <message>
        <source>Copy the fact, its source text and where the source says it</source>
        <translation>复制该数据、原文及其在原文中的位置</translation>
    </message>
    <message>
        <source>Select a fact to see its details.</source>
        <translation>选择一条数据以查看详情。</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Mentioned</source>
        <translation>相关主体</translation>
    </message>
    <message>
        <source>Other years</source>
        <translation>其他年份</translation>
    </message>
    <message>
        <source>Match in {field}</source>
        <translation>匹配位置：{field}</translation>
    </message>
    <message>
        <source>THEMES</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Search facts (Ctrl+F)</source>
        <translation>搜索数据（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search facts</source>
        <translation>搜索数据</translation>
    </message>
    <message>
        <source>Kind of fact</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Show All Facts</source>
        <translation>显示全部事实</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>Nothing matches “{query}”.</source>
        <translation>没有与“{query}”匹配的内容。</translation>
    </message>
    <message>
        <source>Press Esc in the search box to clear the search, or Show All Facts.</source>
        <translation>在搜索框中按 Esc 清除搜索，或点击“显示全部事实”。</translation>
    </message>
    <message>
        <source>The theme, kind and year filters also apply: Show All Facts clears them and the search.</source>
        <translation>主题、类型和年份筛选也在起作用：“显示全部事实”会清除它们和搜索。</translation>
    </message>
    <message>
        <source>No facts match these filters.</source>
        <translation>没有符合这些筛选条件的事实。</translation>
    </message>
    <message>
        <source>Choose All themes, All kinds and All years, or Show All Facts.</source>
        <translation>请选择“全部主题”“全部类型”和“全部年份”，或点击“显示全部事实”。</translation>
    </message>
    <message>
        <source>Matches: {shown}</source>
        <translation>匹配：{shown} 条</translation>
    </message>
    <message>
        <source>Facts shown: {shown} of {total}</source>
        <translation>显示 {shown} 条，共 {total} 条</translation>
    </message>
    <message>
        <source>Copied the fact with its source.</source>
        <translation>已复制该数据及出处。</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>All themes</source>
        <translation>全部主题</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>District Facts</source>
        <translation>区情</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Open Database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>jhviewer databases (*.db *.sqlite);;All files (*)</source>
        <translation>jhviewer 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Integrity check skipped: {name} is read as you trust it.</source>
        <translation>已跳过完整性检查：按您对 {name} 的信任直接读取。</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>{path} (built-in)</source>
        <translation>{path}（内置）</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>数据库：{name}</translation>
    </message>
    <message>
        <source>No briefing in this database</source>
        <translation>此数据库中没有简报</translation>
    </message>
    <message>
        <source>{facts} facts · {targets} targets · {themes} themes</source>
        <translation>数据 {facts} 条 · 目标 {targets} 项 · 主题 {themes} 个</translation>
    </message>
    <message>
        <source>Briefing: {briefing}</source>
        <translation>简报：{briefing}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Briefing:</source>
        <translation>简报(&amp;B)：</translation>
    </message>
    <message>
        <source>Br&amp;iefing</source>
        <translation>简报(&amp;I)</translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation>简报</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>About jhviewer</source>
        <translation>关于 jhviewer</translation>
    </message>
    <message>
        <source>jhviewer {version}</source>
        <translation>jhviewer {version}</translation>
    </message>
    <message>
        <source>An offline viewer of district briefings.</source>
        <translation>区情简报离线查看器。</translation>
    </message>
    <message>
        <source>Data: {title}, {publisher}.</source>
        <translation>数据：《{title}》，{publisher}。</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>Font: {family}, a subset of Noto Sans CJK SC by Adobe and Google, under the SIL Open Font License 1.1 ({licence}).</source>
        <translation>字体：{family}，为 Adobe 与 Google 的思源黑体（Noto Sans CJK SC）子集，依 SIL 开放字体许可证 1.1 授权（{licence}）。</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>请先打开数据库。</translation>
    </message>
    <message>
        <source>Print Preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Checking {name} for damage (at most {seconds} s)...
Skip the check only for a file you trust.</source>
        <translation>正在检查 {name} 是否损坏（最多 {seconds} 秒）……
只有在您信任该文件时才跳过检查。</translation>
    </message>
    <message>
        <source>Skip Check</source>
        <translation>跳过检查</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
    <message>
        <source>Very large printout</source>
        <translation>打印内容过多</translation>
    </message>
    <message>
        <source>Print it anyway? Choose No and print the summary only to get page 1.</source>
        <translation>仍要打印吗？选择“否”后可只打印摘要（第1页）。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第{page}页/共{pages}页</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Source: {source}</source>
        <translation>来源：{source}</translation>
    </message>
    <message>
        <source>No briefing is open</source>
        <translation>尚未打开简报</translation>
    </message>
    <message>
        <source>Use File › Open Database... or open the built-in briefing.</source>
        <translation>请使用“文件 › 打开数据库…”，或打开内置简报。</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>核心数据</translation>
    </message>
</context>
<context>
    <name>PdfOptions</name>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>&amp;Full briefing</source>
        <translation>完整简报(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Summary page only</source>
        <translation>仅摘要页(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Targets for {year} · group {number} of {count}</source>
        <translation>{year}年目标 · 第{number}组，共{count}组</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>来源：{source}</translation>
    </message>
    <message>
        <source>No briefing is open.</source>
        <translation>尚未打开简报。</translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation>第{number}步，共{count}步</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Progress</source>
        <translation>进度记录</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>完成值</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Source note</source>
        <translation>来源说明</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>e.g. district statistics bureau, Jan–Jun</source>
        <translation>如：区统计局 1–6月快报</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Save Edit</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Retract</source>
        <translation>撤回所选</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>来源说明</translation>
    </message>
    <message>
        <source>By</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Qualitative target: no chart</source>
        <translation>定性目标：无图</translation>
    </message>
    <message>
        <source>Ready to save</source>
        <translation>可以保存</translation>
    </message>
    <message>
        <source>Added entry {id}</source>
        <translation>已添加第{id}条</translation>
    </message>
    <message>
        <source>Edit saved</source>
        <translation>已保存修改</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Imported {count} entries</source>
        <translation>已导入{count}条</translation>
    </message>
    <message>
        <source>Import Progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>{name}: {added} rows to add, {refused} refused, {blank} blank ({encoding}). Refused rows are left out.</source>
        <translation>{name}：将添加{added}行，拒绝{refused}行，空白{blank}行（{encoding}）。被拒绝的行不会导入。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>add (check)</source>
        <translation>添加（请核对）</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>already recorded, skipped</source>
        <translation>已有相同记录，跳过</translation>
    </message>
    <message>
        <source>{count} rows are already recorded and are skipped.</source>
        <translation>其中{count}行已有相同记录，将跳过。</translation>
    </message>
    <message>
        <source>Import {count} rows</source>
        <translation>导入{count}行</translation>
    </message>
    <message>
        <source>Progress sheets (*.csv *.xlsx)</source>
        <translation>进度表 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Show history</source>
        <translation>显示历史记录</translation>
    </message>
    <message>
        <source>Also list superseded and retracted entries: entries are never overwritten, an edit or a retraction adds a row</source>
        <translation>同时列出已被取代和已撤回的记录：记录从不覆盖，修改或撤回都会新增一行</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>superseded by #{by}</source>
        <translation>已被第{by}条取代</translation>
    </message>
    <message>
        <source>retracted by #{by}</source>
        <translation>已由第{by}条撤回</translation>
    </message>
    <message>
        <source>retracts #{of}</source>
        <translation>撤回第{of}条</translation>
    </message>
    <message>
        <source>Can be saved, but check: {warning}</source>
        <translation>可以保存，但请核对：{warning}</translation>
    </message>
    <message>
        <source>Progress…</source>
        <translation>进度记录…</translation>
    </message>
    <message>
        <source>Import Progress…</source>
        <translation>导入进度…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Progress Database…</source>
        <translation>进度数据库…</translation>
    </message>
    <message>
        <source>Progress Database</source>
        <translation>进度数据库</translation>
    </message>
    <message>
        <source>Progress database: {location}</source>
        <translation>进度数据库：{location}</translation>
    </message>
    <message>
        <source>A file path or postgresql://user@host/db (empty: the default place)</source>
        <translation>文件路径或 postgresql://用户@主机/数据库（留空则用默认位置）</translation>
    </message>
    <message>
        <source>No progress yet</source>
        <translation>暂无进度</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>页面顺序(&amp;O)：</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>每张页数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
    <message>
        <source>Duplex Printing</source>
        <translation>双面打印</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Long side</source>
        <translation>长边翻页</translation>
    </message>
    <message>
        <source>Short side</source>
        <translation>短边翻页</translation>
    </message>
    <message>
        <source>All Pages</source>
        <translation>所有页面</translation>
    </message>
    <message>
        <source>Odd Pages</source>
        <translation>奇数页</translation>
    </message>
    <message>
        <source>Even Pages</source>
        <translation>偶数页</translation>
    </message>
</context>
<context>
    <name>Targets</name>
    <message>
        <source>No briefing is open.</source>
        <translation>尚未打开简报。</translation>
    </message>
    <message>
        <source>This briefing states no targets.</source>
        <translation>这份简报没有列出目标。</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total} targets.</source>
        <translation>显示前 {shown} 项目标，共 {total} 项。</translation>
    </message>
    <message>
        <source>Targets for {year}</source>
        <translation>{year}年主要目标</translation>
    </message>
    <message>
        <source>Group {number}</source>
        <translation>第{number}组</translation>
    </message>
    <message>
        <source>{year} result: {value}</source>
        <translation>{year}年：{value}</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
</context>
</TS>
